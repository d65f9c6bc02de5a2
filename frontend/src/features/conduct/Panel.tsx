import { useEffect, useRef, type ReactNode } from 'react';

/** A form or question shown above a list; its heading takes the focus (the row clicked may be far below). */
export function Panel({ id, title, children, tone }: { id: string; title: string; children: ReactNode; tone?: 'danger' }) {
  const heading = useRef<HTMLHeadingElement>(null);
  useEffect(() => {
    heading.current?.focus();
    heading.current?.scrollIntoView?.({ block: 'nearest' });
  }, [id]);
  return (
    <section
      className={tone === 'danger' ? 'alert alert-error conduct-panel' : 'form conduct-panel'}
      role={tone === 'danger' ? 'alertdialog' : undefined}
      aria-labelledby={`${id}-title`}
    >
      <h2 id={`${id}-title`} ref={heading} tabIndex={-1}>
        {title}
      </h2>
      {children}
    </section>
  );
}
