import { splitParagraphs } from '../lib/paragraphs';

/** A story's plain-text body as paragraphs. The text is rendered as text: nothing in it is ever HTML. */
export function StoryBody({ body, className }: { body: string; className?: string }) {
  return (
    <div className={className ?? 'story-body'}>
      {splitParagraphs(body).map((p, i) => (
        <p key={i} className="pre-line">
          {p}
        </p>
      ))}
    </div>
  );
}
