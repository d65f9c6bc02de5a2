import { Link } from 'react-router';
import { useTranslation } from 'react-i18next';

export function NotFound() {
  const { t } = useTranslation();
  return (
    <section>
      <h1>{t('errors.notFound')}</h1>
      <Link to="/">{t('nav.home')}</Link>
    </section>
  );
}
