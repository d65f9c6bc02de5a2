import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { CheckboxField, SelectField, TextField } from '../../components/fields';
import {
  changeKind,
  defaultRule,
  fieldError,
  moveItem,
  removeItem,
  replaceItem,
  SIMPLE_RULE_KINDS,
  visibleFields,
  type DraftRule,
  type FieldSpec,
  type RuleKind,
} from './rules';

/** ids of the <datalist>s with code suggestions */
export const SUGGESTION_LISTS = { awardTypes: 'award-type-codes', indicators: 'indicator-codes' } as const;

function RuleField({
  spec,
  rule,
  id,
  errors,
  onChange,
}: {
  spec: FieldSpec;
  rule: DraftRule;
  /** "rules.2.min_count" — also the error key */
  id: string;
  errors: Record<string, string>;
  onChange: (value: string | boolean | string[]) => void;
}) {
  const { t } = useTranslation();
  const label = t(`awards.ruleFields.${spec.name}`);
  const hint = t(`awards.ruleHints.${rule.kind}.${spec.name}`, { defaultValue: '' }) || undefined;
  const error = fieldError(errors, id);
  const value = rule.values[spec.name];
  switch (spec.type) {
    case 'bool':
      return (
        <div>
          <CheckboxField id={id} label={label} checked={value === true} onChange={onChange} />
          {error && <p className="field-error">{error}</p>}
        </div>
      );
    case 'multi': {
      const chosen = Array.isArray(value) ? value : [];
      return (
        <fieldset className="field">
          <legend>{label}</legend>
          <div className="checks">
            {spec.options.map((o) => (
              <CheckboxField
                key={o}
                id={`${id}.${o}`}
                label={t(`awards.${spec.labels}.${o}`)}
                checked={chosen.includes(o)}
                onChange={(on) => onChange(on ? spec.options.filter((x) => x === o || chosen.includes(x)) : chosen.filter((x) => x !== o))}
              />
            ))}
          </div>
          {hint && <p className="field-hint">{hint}</p>}
          {error && <p className="field-error">{error}</p>}
        </fieldset>
      );
    }
    case 'select':
      return (
        <SelectField
          id={id}
          label={label}
          hint={hint}
          value={typeof value === 'string' ? value : ''}
          onChange={onChange}
          error={error}
          empty={spec.required ? undefined : t('awards.rule.none')}
          options={spec.options.map((o) => ({ value: o, label: t(`awards.${spec.labels}.${o}`) }))}
        />
      );
    default:
      return (
        <TextField
          id={id}
          label={label}
          hint={hint}
          value={typeof value === 'string' ? value : ''}
          onChange={onChange}
          error={error}
          inputMode={spec.type === 'int' ? 'numeric' : spec.type === 'decimal' ? 'decimal' : undefined}
          list={spec.type === 'code' ? SUGGESTION_LISTS[spec.suggest] : undefined}
          autoComplete="off"
        />
      );
  }
}

/** One rule: its kind, the fields of that kind and, for "any of", the list of its rules. */
function RuleFields({
  rule,
  path,
  kinds,
  errors,
  onChange,
}: {
  rule: DraftRule;
  path: string;
  kinds: readonly RuleKind[];
  errors: Record<string, string>;
  onChange: (rule: DraftRule) => void;
}) {
  const { t } = useTranslation();
  return (
    <>
      <SelectField
        id={`${path}.kind`}
        label={t('awards.rule.kind')}
        value={rule.kind}
        onChange={(v) => onChange(changeKind(rule, v as RuleKind))}
        error={errors[`${path}.kind`]}
        options={kinds.map((k) => ({ value: k, label: t(`awards.ruleKinds.${k}`) }))}
      />
      {rule.kind === 'any_of' ? (
        <RuleList
          rules={rule.rules}
          path={`${path}.rules`}
          kinds={SIMPLE_RULE_KINDS}
          errors={errors}
          nested
          onChange={(rules) => onChange({ ...rule, rules })}
        />
      ) : (
        <div className="grid-2">
          {visibleFields(rule).map((spec) => (
            <RuleField
              key={spec.name}
              spec={spec}
              rule={rule}
              id={`${path}.${spec.name}`}
              errors={errors}
              onChange={(value) => onChange({ ...rule, values: { ...rule.values, [spec.name]: value } })}
            />
          ))}
        </div>
      )}
    </>
  );
}

/** The rules of an award type (or of an "any of"): add, remove, move, change. */
export function RuleList({
  rules,
  path,
  kinds,
  errors,
  nested = false,
  onChange,
}: {
  rules: DraftRule[];
  /** "rules" or "rules.3.rules" */
  path: string;
  kinds: readonly RuleKind[];
  errors: Record<string, string>;
  nested?: boolean;
  onChange: (rules: DraftRule[]) => void;
}) {
  const { t } = useTranslation();
  const [newKind, setNewKind] = useState<RuleKind>(kinds[0]!);
  const k = nested ? 'awards.rule.sub' : 'awards.rule';
  return (
    <div className={nested ? 'rule-list rule-list-nested' : 'rule-list'}>
      {nested && <p className="field-hint">{t('awards.rule.anyOfHint')}</p>}
      {errors[path] && <p className="field-error">{errors[path]}</p>}
      {rules.length === 0 && <p className="muted">{t('awards.types.noRules')}</p>}
      {rules.map((rule, i) => {
        const n = i + 1;
        const rp = `${path}.${i}`;
        return (
          <fieldset key={i} className={nested ? 'indicator-edit rule-edit' : 'criterion-edit rule-edit'}>
            <legend>
              {t(`${k}.title`, { n })}: {t(`awards.ruleKinds.${rule.kind}`)}
            </legend>
            {errors[rp] && <p className="field-error">{errors[rp]}</p>}
            <RuleFields rule={rule} path={rp} kinds={kinds} errors={errors} onChange={(r) => onChange(replaceItem(rules, i, r))} />
            <div className="actions">
              <button
                type="button"
                className="small"
                aria-label={t(`${k}.moveUp`, { n })}
                disabled={i === 0}
                onClick={() => onChange(moveItem(rules, i, i - 1))}
              >
                ↑ {t('awards.rule.up')}
              </button>
              <button
                type="button"
                className="small"
                aria-label={t(`${k}.moveDown`, { n })}
                disabled={i === rules.length - 1}
                onClick={() => onChange(moveItem(rules, i, i + 1))}
              >
                ↓ {t('awards.rule.down')}
              </button>
              <button type="button" className="danger small" aria-label={t(`${k}.remove`, { n })} onClick={() => onChange(removeItem(rules, i))}>
                {t('common.delete')}
              </button>
            </div>
          </fieldset>
        );
      })}
      <div className="rule-add">
        <SelectField
          id={`${path}.new-kind`}
          label={t(`${k}.newKind`)}
          value={newKind}
          onChange={(v) => setNewKind(v as RuleKind)}
          options={kinds.map((x) => ({ value: x, label: t(`awards.ruleKinds.${x}`) }))}
        />
        <button type="button" onClick={() => onChange([...rules, defaultRule(newKind)])}>
          {t(`${k}.add`)}
        </button>
      </div>
    </div>
  );
}
