import { useId, type ChangeEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { currentLanguage, isLanguage, LANGUAGES, rememberLanguage } from '../i18n';

/** The cashier's language; the choice is remembered on this machine (localStorage). */
export function LanguageSelect() {
  const { t, i18n } = useTranslation();
  const id = useId();
  const onChange = (event: ChangeEvent<HTMLSelectElement>) => {
    const lang = event.currentTarget.value;
    if (!isLanguage(lang)) return;
    rememberLanguage(lang);
    void i18n.changeLanguage(lang);
  };
  return (
    <div className="language">
      <label htmlFor={id}>{t('language.label')}</label>
      <select id={id} value={currentLanguage(i18n)} onChange={onChange}>
        {LANGUAGES.map((lang) => (
          <option key={lang} value={lang} lang={lang}>
            {t(`language.${lang}`)}
          </option>
        ))}
      </select>
    </div>
  );
}
