import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import vi from './vi.json';
import en from './en.json';
import {
  ASSESSMENT_STATUSES,
  FRAMEWORK_STATUSES,
  INDICATOR_KINDS,
  INDICATOR_RULES,
  ROLES,
  SCHOOL_LEVELS,
  SUBJECT_KINDS,
  UNIT_KINDS,
} from '../api/types';

type Tree = { [key: string]: string | Tree };

/** "a.b.c" → value for every leaf of a catalogue. */
function flatten(tree: Tree, prefix = ''): Map<string, unknown> {
  const out = new Map<string, unknown>();
  for (const [key, value] of Object.entries(tree)) {
    const path = prefix ? `${prefix}.${key}` : key;
    if (value && typeof value === 'object' && !Array.isArray(value)) {
      for (const [k, v] of flatten(value, path)) out.set(k, v);
    } else out.set(path, value);
  }
  return out;
}

const viKeys = flatten(vi as Tree);
const enKeys = flatten(en as Tree);

describe('locale catalogues', () => {
  it('have exactly the same keys', () => {
    const missingInEn = [...viKeys.keys()].filter((k) => !enKeys.has(k));
    const missingInVi = [...enKeys.keys()].filter((k) => !viKeys.has(k));
    expect(missingInEn).toEqual([]);
    expect(missingInVi).toEqual([]);
  });

  it('have no empty or non-string values', () => {
    for (const [name, keys] of [
      ['vi', viKeys],
      ['en', enKeys],
    ] as const) {
      const bad = [...keys].filter(([, v]) => typeof v !== 'string' || v.trim() === '').map(([k]) => `${name}:${k}`);
      expect(bad).toEqual([]);
    }
  });

  it('use the same interpolation variables in both languages', () => {
    const vars = (s: unknown) => [...String(s).matchAll(/{{\s*(\w+)\s*}}/g)].map((m) => m[1]).sort();
    for (const [key, value] of viKeys) expect(vars(enKeys.get(key)), key).toEqual(vars(value));
  });

  it('label every role, unit kind and school level', () => {
    for (const r of ROLES) expect(viKeys.get(`roles.${r}`), r).toBeTruthy();
    for (const k of UNIT_KINDS) expect(viKeys.get(`unitKinds.${k}`), k).toBeTruthy();
    for (const l of SCHOOL_LEVELS) expect(viKeys.get(`schoolLevels.${l}`), l).toBeTruthy();
  });

  it('label every indicator kind, rule, framework and assessment status, subject kind', () => {
    for (const k of INDICATOR_KINDS) expect(viKeys.get(`indicator.kinds.${k}`), k).toBeTruthy();
    for (const r of INDICATOR_RULES) expect(viKeys.get(`frameworks.rules.${r}`), r).toBeTruthy();
    for (const s of FRAMEWORK_STATUSES) expect(viKeys.get(`frameworks.statuses.${s}`), s).toBeTruthy();
    for (const s of ASSESSMENT_STATUSES) expect(viKeys.get(`assessments.statuses.${s}`), s).toBeTruthy();
    for (const s of SUBJECT_KINDS) expect(viKeys.get(`subjectKinds.${s}`), s).toBeTruthy();
    for (const e of ['computed', 'boolean', 'number', 'percent', 'count', 'level'])
      expect(viKeys.get(`indicator.errors.${e}`), e).toBeTruthy();
  });

  it('contain the required Vietnamese labels with diacritics', () => {
    expect(viKeys.get('app.title')).toBe('Thi Đua Số');
    expect(viKeys.get('roles.commune_officer')).toBe('Cán bộ Phòng Văn hóa - Xã hội');
    expect(viKeys.get('unitKinds.school')).toBe('Cơ sở giáo dục');
    expect(viKeys.get('schoolLevels.lower_secondary')).toBe('Trung học cơ sở');
  });

  it('define every static key used in the source code', () => {
    const root = join(__dirname, '..');
    const files: string[] = [];
    const walk = (dir: string) => {
      for (const entry of readdirSync(dir, { withFileTypes: true })) {
        const p = join(dir, entry.name);
        if (entry.isDirectory()) walk(p);
        else if (/\.tsx?$/.test(entry.name) && !entry.name.includes('.test.')) files.push(p);
      }
    };
    walk(root);
    const used = new Set<string>();
    for (const f of files) {
      const src = readFileSync(f, 'utf8');
      for (const m of src.matchAll(/\bt\(\s*'([a-zA-Z]+\.[a-zA-Z.]+)'/g)) used.add(m[1]!);
      for (const m of src.matchAll(/\blabel: '([a-zA-Z]+\.[a-zA-Z.]+)'/g)) used.add(m[1]!);
    }
    expect(used.size).toBeGreaterThan(20);
    const missing = [...used].filter((k) => !viKeys.has(k));
    expect(missing).toEqual([]);
  });
});
