import { useTranslation } from 'react-i18next';

/** "Delete this?" with a confirming button and cancel, shown in place of the delete button. */
export function ConfirmDelete({
  question,
  yes,
  busy,
  onYes,
  onCancel,
}: {
  question: string;
  yes: string;
  busy: boolean;
  onYes: () => void;
  onCancel: () => void;
}) {
  const { t } = useTranslation();
  return (
    <div className="alert alert-error" role="alertdialog" aria-labelledby="delete-question">
      <p id="delete-question">{question}</p>
      <div className="actions">
        <button type="button" className="danger" disabled={busy} onClick={onYes}>
          {yes}
        </button>
        <button type="button" onClick={onCancel}>
          {t('common.cancel')}
        </button>
      </div>
    </div>
  );
}
