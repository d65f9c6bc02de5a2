import { useState, type FormEvent } from 'react';
import { Link, useNavigate } from 'react-router';
import { useTranslation } from 'react-i18next';
import { ApiError } from '../../api/problem';
import { useMe } from '../../lib/auth';
import { TextField } from '../../components/fields';
import { ErrorBanner } from '../../components/ErrorBanner';
import { useMovements } from '../../lib/queries/frameworks';
import { useCreatePlan } from './api/plans';
import { planFieldErrors } from './plan';

const FIELDS = ['number', 'title', 'unit_id', 'movement_id'] as const;

/** The school manager starts the school's plan; the rest is written on the plan's page. */
export function PlanCreatePage() {
  const { t } = useTranslation();
  const me = useMe();
  const navigate = useNavigate();
  const movements = useMovements();
  const create = useCreatePlan();
  const [number, setNumber] = useState('');
  const [title, setTitle] = useState('');
  const errors = create.error instanceof ApiError ? planFieldErrors(create.error.problem) : {};
  const movementId = movements.data?.[0]?.id;

  function submit(e: FormEvent) {
    e.preventDefault();
    if (!movementId) return;
    create.mutate(
      {
        movement_id: movementId,
        unit_id: me.unit_id,
        number: number.trim(),
        title: title.trim(),
        content: { objectives: '', solutions: '', responsibilities: '', targets: [], tasks: [], roadmap: [] },
      },
      { onSuccess: (plan) => navigate(`/plans/${plan.id}`) },
    );
  }

  return (
    <section>
      <p>
        <Link to="/plans">← {t('plans.title')}</Link>
      </p>
      <h1>{t('plans.create')}</h1>
      <form className="form" onSubmit={submit} noValidate>
        <ErrorBanner error={create.error ?? movements.error} fields={FIELDS} />
        <TextField id="number" label={t('plans.number')} value={number} onChange={setNumber} error={errors.number} />
        <TextField id="title" label={t('plans.titleField')} value={title} onChange={setTitle} error={errors.title} required />
        {/* the received date is recorded by the system (acknowledgement or số đến), never typed */}
        <p className="hint">{t('plans.receivedBySystem')}</p>
        <div className="form-actions">
          <button type="submit" className="primary" disabled={create.isPending || !movementId}>
            {t('common.create')}
          </button>
        </div>
      </form>
    </section>
  );
}
