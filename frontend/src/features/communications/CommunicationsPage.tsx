import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiError, fieldErrors } from '../../api/problem';
import { useMe } from '../../lib/auth';
import { formatDate } from '../../lib/format';
import { schoolYearOf } from '../../lib/schoolYear';
import { useDownload } from '../../lib/useDownload';
import { useListParams } from '../../lib/useListParams';
import { DataTable, PagedTable, type Column } from '../../components/DataTable';
import { ErrorBanner, Loading } from '../../components/ErrorBanner';
import { SelectField, TextAreaField, TextField } from '../../components/fields';
import { useCreatePlan, useLogOutput, useOutputs, usePlanOfYear } from './api/communications';
import { CHANNELS, FILE_ACCEPT, type Channel, type CommsOutput, type CommsPlan } from './types';
import { shiftYear } from './years';

/** Kế hoạch truyền thông của năm học: chỉ tiêu và tiến độ theo kênh; nhật ký tin, bài, sản phẩm. */
export function CommunicationsPage() {
  const { t } = useTranslation();
  const me = useMe();
  const p = useListParams();
  const current = schoolYearOf(new Date().toISOString().slice(0, 10)) ?? '';
  const year = p.get('year') || current;
  const plans = usePlanOfYear(year);
  const plan = plans.data?.items[0];
  const canWrite = me.permissions.includes('communications:write');

  return (
    <section>
      <div className="page-head">
        <h1>{t('communications.title')}</h1>
      </div>
      <p className="muted">{t('communications.hint')}</p>
      <div className="actions" role="group" aria-label={t('communications.yearNav')}>
        <button type="button" onClick={() => p.set('year', shiftYear(year, -1))}>
          ← {shiftYear(year, -1)}
        </button>
        <strong aria-live="polite">{t('communications.yearOf', { year })}</strong>
        <button type="button" onClick={() => p.set('year', shiftYear(year, 1))}>
          {shiftYear(year, 1)} →
        </button>
      </div>
      <ErrorBanner error={plans.error} />
      {plans.isPending ? (
        <Loading />
      ) : plan ? (
        <>
          <PlanProgress plan={plan} />
          {canWrite && <LogOutputForm plan={plan} />}
          <OutputLog plan={plan} />
        </>
      ) : canWrite ? (
        <CreatePlanForm year={year} />
      ) : (
        <p className="muted">{t('communications.noPlan', { year })}</p>
      )}
    </section>
  );
}

function PlanProgress({ plan }: { plan: CommsPlan }) {
  const { t } = useTranslation();
  const columns: Column<CommsPlan['targets'][number]>[] = [
    { key: 'channel', label: t('communications.channel'), render: (x) => t(`communications.channels.${x.channel}`) },
    { key: 'target', label: t('communications.target'), className: 'col-num', render: (x) => x.target },
    { key: 'done', label: t('communications.done'), className: 'col-num', render: (x) => x.done },
    {
      key: 'rate',
      label: t('communications.rate'),
      className: 'col-num',
      render: (x) => (x.target > 0 ? `${Math.round((100 * x.done) / x.target)}%` : '—'),
    },
    { key: 'reach', label: t('communications.reach'), className: 'col-num', render: (x) => x.reach.toLocaleString('vi-VN') },
  ];
  return (
    <>
      <h2>{plan.title}</h2>
      {plan.note && <p className="pre-line">{plan.note}</p>}
      <DataTable caption={t('communications.progress')} columns={columns} rows={plan.targets} rowKey={(x) => x.channel} />
    </>
  );
}

function CreatePlanForm({ year }: { year: string }) {
  const { t } = useTranslation();
  const create = useCreatePlan();
  const [title, setTitle] = useState(() => t('communications.defaultTitle', { year }));
  const [targets, setTargets] = useState<Record<string, string>>({});
  const errors = create.error instanceof ApiError ? fieldErrors(create.error.problem) : {};

  function submit(e: FormEvent) {
    e.preventDefault();
    create.mutate({
      school_year: year,
      title: title.trim(),
      note: '',
      // every channel, in order, so an error at targets.N names the field of channel N
      targets: CHANNELS.map((c) => ({ channel: c, target: Number((targets[c] ?? '').trim() || 0) })),
    });
  }

  return (
    <form className="form" onSubmit={submit} noValidate aria-labelledby="plan-form-title">
      <h2 id="plan-form-title">{t('communications.createPlan', { year })}</h2>
      <ErrorBanner error={create.error} />
      <TextField id="title" label={t('communications.planTitle')} value={title} onChange={setTitle} error={errors.title} required />
      <fieldset id="targets">
        <legend>{t('communications.targetsLegend')}</legend>
        {CHANNELS.map((c, n) => (
          <TextField
            key={c}
            id={`targets.${n}.target`}
            type="number"
            min={0}
            inputMode="numeric"
            label={t(`communications.channels.${c}`)}
            value={targets[c] ?? ''}
            onChange={(v) => setTargets((prev) => ({ ...prev, [c]: v }))}
          />
        ))}
      </fieldset>
      <div className="form-actions">
        <button type="submit" className="primary" disabled={create.isPending}>
          {t('communications.savePlan')}
        </button>
      </div>
    </form>
  );
}

function LogOutputForm({ plan }: { plan: CommsPlan }) {
  const { t } = useTranslation();
  const log = useLogOutput();
  const [channel, setChannel] = useState<Channel>('radio');
  const [date, setDate] = useState(() => new Date().toISOString().slice(0, 10));
  const [title, setTitle] = useState('');
  const [url, setUrl] = useState('');
  const [reach, setReach] = useState('');
  const [note, setNote] = useState('');
  const [file, setFile] = useState<File | null>(null);
  const [formKey, setFormKey] = useState(0);
  const [done, setDone] = useState<string | null>(null);
  const errors = log.error instanceof ApiError ? fieldErrors(log.error.problem) : {};

  function submit(e: FormEvent) {
    e.preventDefault();
    setDone(null);
    log.mutate(
      {
        body: {
          plan_id: plan.id,
          channel,
          output_date: date,
          title: title.trim(),
          url: url.trim() || null,
          reach: reach.trim() === '' ? null : Number(reach),
          note: note.trim(),
        },
        file,
      },
      {
        onSuccess: (o) => {
          setDone(o.title);
          setTitle('');
          setUrl('');
          setReach('');
          setNote('');
          setFile(null);
          setFormKey((k) => k + 1);
        },
      },
    );
  }

  return (
    <form key={formKey} className="form" onSubmit={submit} noValidate aria-labelledby="log-form-title">
      <h2 id="log-form-title">{t('communications.logTitle')}</h2>
      <ErrorBanner error={log.error} />
      <SelectField
        id="channel"
        label={t('communications.channel')}
        value={channel}
        onChange={(v) => setChannel(v as Channel)}
        error={errors.channel}
        options={CHANNELS.map((c) => ({ value: c, label: t(`communications.channels.${c}`) }))}
      />
      <TextField
        id="output_date"
        type="date"
        label={t('communications.date')}
        hint={t('communications.dateHint', { year: plan.school_year })}
        value={date}
        onChange={setDate}
        error={errors.output_date}
        required
      />
      <TextField id="title" label={t('communications.outputTitle')} value={title} onChange={setTitle} error={errors.title} required />
      <TextField
        id="url"
        type="url"
        label={t('communications.link')}
        hint={t('communications.linkHint')}
        value={url}
        onChange={setUrl}
        error={errors.url}
      />
      <TextField
        id="reach"
        type="number"
        min={0}
        inputMode="numeric"
        label={t('communications.reach')}
        hint={t('communications.reachHint')}
        value={reach}
        onChange={setReach}
        error={errors.reach}
      />
      <TextAreaField id="note" label={t('communications.note')} value={note} onChange={setNote} error={errors.note} />
      <div className="field">
        <label htmlFor="file">{t('communications.file')}</label>
        <input id="file" name="file" type="file" accept={FILE_ACCEPT} onChange={(e) => setFile(e.target.files?.[0] ?? null)} />
        <p className="field-hint">{t('communications.fileHint')}</p>
        {errors.file && <p className="field-error">{errors.file}</p>}
      </div>
      <div className="form-actions">
        <button type="submit" className="primary" disabled={log.isPending}>
          {t('communications.logSave')}
        </button>
      </div>
      {done && (
        <p className="alert alert-ok" role="status">
          {t('communications.logged', { title: done })}
        </p>
      )}
    </form>
  );
}

function OutputLog({ plan }: { plan: CommsPlan }) {
  const { t } = useTranslation();
  const p = useListParams();
  const channel = CHANNELS.find((c) => c === p.get('channel'));
  const outputs = useOutputs({ plan_id: plan.id, channel, limit: p.limit, offset: p.offset });
  const download = useDownload();
  const columns: Column<CommsOutput>[] = [
    { key: 'date', label: t('communications.date'), render: (o) => formatDate(o.output_date) },
    { key: 'channel', label: t('communications.channel'), render: (o) => t(`communications.channels.${o.channel}`) },
    {
      key: 'title',
      label: t('communications.outputTitle'),
      render: (o) =>
        o.url ? (
          <a href={o.url} target="_blank" rel="noopener noreferrer">
            {o.title}
          </a>
        ) : (
          o.title
        ),
    },
    { key: 'reach', label: t('communications.reach'), className: 'col-num', render: (o) => (o.reach === null ? '—' : o.reach.toLocaleString('vi-VN')) },
    {
      key: 'file',
      label: t('communications.file'),
      render: (o) =>
        o.file_url ? (
          <button
            type="button"
            className="link-button"
            disabled={download.busy === o.file_url}
            onClick={() => download.run(o.file_url!, o.file_name ?? 'san-pham')}
          >
            {o.file_name}
          </button>
        ) : (
          '—'
        ),
    },
  ];
  return (
    <>
      <h2>{t('communications.logList')}</h2>
      <form className="filters" role="search" onSubmit={(e) => e.preventDefault()}>
        <SelectField
          id="filter-channel"
          label={t('communications.channel')}
          value={channel ?? ''}
          onChange={(v) => p.set('channel', v)}
          empty={t('communications.allChannels')}
          options={CHANNELS.map((c) => ({ value: c, label: t(`communications.channels.${c}`) }))}
        />
      </form>
      <ErrorBanner error={download.error} />
      <PagedTable query={outputs} columns={columns} rowKey={(o) => o.id} offset={p.offset} limit={p.limit} onOffset={p.setOffset} />
    </>
  );
}
