import { useTranslation } from 'react-i18next';
import type { ReceiptRowView } from '../../../../electron/contract/api';

/** The picture of the article entered last (a shop setting), so the cashier sees what was scanned. */
export function ImagePanel({ row }: { row: ReceiptRowView | undefined }) {
  const { t } = useTranslation();
  return (
    <figure className="article-image" aria-label={t('receipt.image')}>
      {/* No picture, no placeholder: an empty frame says enough and never distracts. */}
      {row?.imageUrl ? <img src={row.imageUrl} alt={row.name} /> : null}
    </figure>
  );
}
