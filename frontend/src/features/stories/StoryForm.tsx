import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiError } from '../../api/problem';
import { documentErrors } from '../../lib/indicators';
import { SelectField, TextAreaField, TextField } from '../../components/fields';
import { ErrorBanner, Loading } from '../../components/ErrorBanner';
import { useMovements } from '../../lib/queries/frameworks';
import { useUnitOptions } from '../../lib/queries/units';
import { useIssuedAchievements } from './api/stories';
import { splitParagraphs } from '../../lib/paragraphs';
import { StoryBody } from '../../components/StoryBody';
import type { Story, StoryCreate } from './types';
import './stories.css';

export const STORY_FIELDS = ['title', 'summary', 'body', 'unit_ids', 'achievement_ids'] as const;

function toggle(ids: readonly number[], id: number, on: boolean): number[] {
  return on ? (ids.includes(id) ? [...ids] : [...ids, id]) : ids.filter((x) => x !== id);
}

export function StoryForm({
  initial,
  error,
  busy,
  submitLabel,
  onSubmit,
}: {
  initial?: Story;
  error: unknown;
  busy: boolean;
  submitLabel: string;
  onSubmit: (values: StoryCreate) => void;
}) {
  const { t } = useTranslation();
  const units = useUnitOptions();
  const movements = useMovements();
  const [title, setTitle] = useState(initial?.title ?? '');
  const [summary, setSummary] = useState(initial?.summary ?? '');
  const [body, setBody] = useState(initial?.body ?? '');
  const [unitIds, setUnitIds] = useState<number[]>(initial?.unit_ids ?? []);
  const [achievementIds, setAchievementIds] = useState<number[]>(initial?.achievement_ids ?? []);
  const [unitFilter, setUnitFilter] = useState('');
  const [year, setYear] = useState('');
  const [preview, setPreview] = useState(false);
  const achievements = useIssuedAchievements(year);
  const years = movements.data?.[0]?.school_years ?? [];

  const errors = error instanceof ApiError ? documentErrors(error.problem) : {};
  const top = (field: string) =>
    Object.entries(errors)
      .filter(([k]) => k === field || k.startsWith(`${field}.`))
      .map(([, v]) => v)
      .join(' ') || undefined;
  const paragraphs = splitParagraphs(body).length;

  const needle = unitFilter.trim().toLocaleLowerCase('vi');
  const unitRows = (units.data ?? []).filter(
    (u) => unitIds.includes(u.id) || !needle || u.name.toLocaleLowerCase('vi').includes(needle) || u.code.toLocaleLowerCase('vi').includes(needle),
  );
  // featured achievements stay listed even when the year filter hides them
  const offered = achievements.data ?? [];
  const kept = (initial?.achievements ?? []).filter((a) => achievementIds.includes(a.id) && !offered.some((o) => o.id === a.id));

  function submit(e: FormEvent) {
    e.preventDefault();
    onSubmit({
      title: title.trim(),
      summary: summary.trim(),
      body: body.replace(/\r\n?/g, '\n').trim(),
      unit_ids: unitIds,
      achievement_ids: achievementIds,
    });
  }

  return (
    <form className="form form-wide" onSubmit={submit} noValidate>
      <ErrorBanner error={error} fields={STORY_FIELDS} />
      <TextField id="title" label={t('stories.titleField')} value={title} onChange={setTitle} error={top('title')} maxLength={300} required />
      <TextAreaField
        id="summary"
        label={t('stories.summary')}
        hint={t('stories.summaryHint')}
        value={summary}
        onChange={setSummary}
        error={top('summary')}
        rows={3}
      />
      <TextAreaField
        id="body"
        label={t('stories.body')}
        hint={t('stories.bodyHint', { n: paragraphs })}
        value={body}
        onChange={setBody}
        error={top('body')}
        rows={14}
      />
      <div className="actions">
        <button type="button" aria-expanded={preview} aria-controls="story-preview" onClick={() => setPreview((v) => !v)}>
          {preview ? t('stories.hidePreview') : t('stories.showPreview')}
        </button>
      </div>
      {preview && (
        <div id="story-preview" className="story-preview" aria-label={t('stories.preview')}>
          <h2>{title || t('stories.titleField')}</h2>
          {summary && <p className="muted">{summary}</p>}
          <StoryBody body={body} />
        </div>
      )}

      <fieldset className="field">
        <legend>{t('stories.units')}</legend>
        <p className="field-hint">{t('stories.unitsHint')}</p>
        {top('unit_ids') && <p className="field-error">{top('unit_ids')}</p>}
        <TextField id="unit-filter" type="search" label={t('stories.filterUnits')} value={unitFilter} onChange={setUnitFilter} />
        <ErrorBanner error={units.error} />
        {units.isPending ? (
          <Loading />
        ) : (
          <ul className="pick-list" aria-label={t('stories.units')}>
            {unitRows.map((u) => (
              <li key={u.id}>
                <label className="pick">
                  <input
                    type="checkbox"
                    checked={unitIds.includes(u.id)}
                    onChange={(e) => setUnitIds((ids) => toggle(ids, u.id, e.target.checked))}
                  />
                  <span>{u.name}</span>
                </label>
              </li>
            ))}
          </ul>
        )}
        <p className="muted">{t('stories.selectedN', { n: unitIds.length })}</p>
      </fieldset>

      <fieldset className="field">
        <legend>{t('stories.achievements')}</legend>
        <p className="field-hint">{t('stories.achievementsHint')}</p>
        {top('achievement_ids') && <p className="field-error">{top('achievement_ids')}</p>}
        <SelectField
          id="achievement-year"
          label={t('fields.schoolYear')}
          value={year}
          onChange={setYear}
          empty={t('common.all')}
          options={years.map((y) => ({ value: y, label: y }))}
        />
        <ErrorBanner error={achievements.error} />
        {achievements.isPending ? (
          <Loading />
        ) : offered.length + kept.length === 0 ? (
          <p className="muted">{t('stories.noAchievements')}</p>
        ) : (
          <ul className="pick-list" aria-label={t('stories.achievements')}>
            {kept.map((a) => (
              <li key={a.id}>
                <label className="pick">
                  <input type="checkbox" checked onChange={(e) => setAchievementIds((ids) => toggle(ids, a.id, e.target.checked))} />
                  <span>
                    {a.recipient_name} — {a.award_name} ({a.school_year})
                  </span>
                </label>
              </li>
            ))}
            {offered.map((a) => (
              <li key={a.id}>
                <label className="pick">
                  <input
                    type="checkbox"
                    checked={achievementIds.includes(a.id)}
                    onChange={(e) => setAchievementIds((ids) => toggle(ids, a.id, e.target.checked))}
                  />
                  <span>
                    {a.subject_name} — {a.award_name} ({a.school_year}){' '}
                    <span className="muted">
                      · {a.unit_name} · {a.decision_number}
                    </span>
                  </span>
                </label>
              </li>
            ))}
          </ul>
        )}
        <p className="muted">{t('stories.selectedN', { n: achievementIds.length })}</p>
      </fieldset>

      <div className="form-actions">
        <button type="submit" className="primary" disabled={busy}>
          {submitLabel}
        </button>
      </div>
    </form>
  );
}
