import type { RefObject } from 'react';
import { useTranslation } from 'react-i18next';
import type { ReferenceLists } from '../../../../electron/contract/api';
import { ChoiceDialog } from '../../components/ChoiceDialog';
import { PreviewDialog } from '../../components/PreviewDialog';
import type { Language } from '../../i18n';
import { ArticleIndexDialog } from '../search/ArticleIndexDialog';
import { CustomerSearchDialog } from '../search/CustomerSearchDialog';
import { AskDialog } from './AskDialog';
import { FindReceiptDialog } from './FindReceiptDialog';
import { OpenReceiptsDialog } from './OpenReceiptsDialog';
import { TransferRefundDialog } from './TransferRefundDialog';
import { WeightDialog } from './WeightDialog';
import type { DialogState, ReceiptStore } from './store';

/**
 * The dialog the store says is open. Choosing acts through the store; afterwards the focus goes
 * back to the Article field (the next scan), while Escape leaves it to the dialog, which returns
 * it to where the cashier was.
 */
export function ReceiptDialogs({
  store,
  dialog,
  lists,
  currentId,
  lang,
  articleRef,
}: {
  store: ReceiptStore;
  dialog: DialogState | null;
  lists: ReferenceLists;
  currentId: string | null;
  lang: Language;
  articleRef: RefObject<HTMLInputElement | null>;
}) {
  const { t } = useTranslation();
  if (!dialog) return null;
  const actions = store.getState();
  const focusArticle = () => articleRef.current?.focus();
  const then = (done: Promise<unknown>) => {
    focusArticle();
    void done.then(focusArticle);
  };

  switch (dialog.kind) {
    case 'unsaved':
      return (
        <ChoiceDialog
          title={t('receipt.unsaved.title')}
          message={t('receipt.unsaved.message')}
          choices={[
            { id: 'save', label: t('receipt.unsaved.save'), hint: 'F9' },
            { id: 'discard', label: t('receipt.unsaved.discard') },
            { id: 'cancel', label: t('receipt.unsaved.cancel') },
          ]}
          onChoose={(id) => then(actions.resolveUnsaved(id === 'save' ? 'save' : id === 'discard' ? 'discard' : 'cancel'))}
          onCancel={() => void actions.resolveUnsaved('cancel')}
        />
      );
    case 'delete':
      return (
        <ChoiceDialog
          title={t('receipt.deleteAsk.title')}
          message={t('receipt.deleteAsk.message')}
          choices={[
            { id: 'delete', label: t('receipt.deleteAsk.delete') },
            { id: 'cancel', label: t('receipt.deleteAsk.cancel') },
          ]}
          onChoose={(id) => (id === 'delete' ? then(actions.confirmDelete()) : actions.closeDialog())}
          onCancel={actions.closeDialog}
        />
      );
    case 'series':
      return (
        <ChoiceDialog
          title={t('receipt.seriesAsk.title')}
          message={t('receipt.seriesAsk.message')}
          choices={lists.series.map((s) => ({ id: s.code, label: `${s.code} · ${s.name}`, hint: s.prefix || undefined }))}
          onChoose={(code) => then(actions.setSeries(code))}
          onCancel={actions.closeDialog}
        />
      );
    case 'customer':
      return (
        <CustomerSearchDialog
          initialQuery={dialog.query}
          by={dialog.by}
          initialResults={dialog.results}
          onPick={(customer) => then(actions.pickCustomer(customer))}
          onClose={actions.closeDialog}
        />
      );
    case 'article':
      return (
        <ArticleIndexDialog
          initialQuery={dialog.query}
          onPick={(hit) => {
            // The typed search text has done its job: the field is ready for the next scan.
            if (articleRef.current) articleRef.current.value = '';
            then(actions.pickArticle(hit));
          }}
          onClose={actions.closeDialog}
        />
      );
    case 'preview':
      return (
        <PreviewDialog
          title={t(dialog.copy ? 'receipt.previewCopy' : 'receipt.preview')}
          lines={dialog.lines}
          onPrint={() => then(actions.print())}
          onClose={actions.closeDialog}
        />
      );
    case 'ask':
      // "No" leaves the cursor where the question came from (the amount or quantity to correct).
      return <AskDialog ask={dialog.ask} lang={lang} onAnswer={(yes) => (yes ? then(actions.answerAsk(true)) : void actions.answerAsk(false))} />;
    case 'weight':
      return (
        <WeightDialog
          name={dialog.name}
          onWeight={(quantityMilli) => then(actions.enterWeight(quantityMilli))}
          onCancel={() => then(actions.enterWeight(null))}
        />
      );
    case 'find':
      return (
        <FindReceiptDialog
          lang={lang}
          timeZone={actions.info?.timeZone}
          onFind={async (text) => {
            const failed = await actions.findReceipt(text);
            if (failed === null) focusArticle();
            return failed;
          }}
          onOpen={(id) => then(actions.openFound(id))}
          onClose={actions.closeDialog}
        />
      );
    case 'transfer': {
      const receipt = actions.receipt;
      return (
        <TransferRefundDialog
          owedMinor={Math.max(0, -(receipt?.dueMinor ?? 0))}
          payeeName={receipt?.customerName ?? ''}
          comment={receipt?.credit ? t('credit.transfer.defaultComment', { number: receipt.credit.originalNumber }) : ''}
          lang={lang}
          onRefund={async (refund) => {
            const failed = await actions.refundTransfer(refund);
            if (failed === null) focusArticle();
            return failed;
          }}
          onClose={actions.closeDialog}
        />
      );
    }
    case 'open':
      return (
        <OpenReceiptsDialog
          receipts={dialog.receipts}
          timeZone={store.getState().info?.timeZone}
          currentId={currentId}
          lang={lang}
          onOpen={(id) => then(actions.openById(id))}
          onClose={actions.closeDialog}
        />
      );
  }
}
