import MenuItem from '@mui/material/MenuItem';
import Select from '@mui/material/Select';
import { useTranslation } from 'react-i18next';
import { languages } from '../../shared/i18n/resources';
import { isLanguage } from './i18n';
import { saveLanguage } from './preferences';
import { useServices } from './services';

export function LanguageSelect() {
  const { t, i18n } = useTranslation();
  const { storage } = useServices();
  const current = isLanguage(i18n.language) ? i18n.language : languages[0];

  return (
    <Select
      size="small"
      variant="outlined"
      value={current}
      inputProps={{ 'aria-label': t('language.label') }}
      onChange={(event) => {
        const language = event.target.value;
        if (!isLanguage(language)) return;
        saveLanguage(storage, language);
        void i18n.changeLanguage(language);
      }}
      sx={{
        color: 'inherit',
        '.MuiOutlinedInput-notchedOutline': { borderColor: 'currentColor' },
        '.MuiSelect-icon': { color: 'inherit' },
      }}
    >
      {languages.map((language) => (
        <MenuItem key={language} value={language}>
          {t(`language.${language}`)}
        </MenuItem>
      ))}
    </Select>
  );
}
