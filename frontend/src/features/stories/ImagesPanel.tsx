import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiError } from '../../api/problem';
import { errorMessage } from '../../lib/errors';
import { ErrorBanner } from '../../components/ErrorBanner';
import { TextField } from '../../components/fields';
import { useDeleteImage, useUploadImage } from './api/stories';
import { AuthImage } from './AuthImage';
import { IMAGE_ACCEPT, IMAGE_TYPES, MAX_IMAGE_BYTES, type Story } from './types';

/** The story's images (caption, removal) and, when allowed, the PNG/JPEG upload with a caption. */
export function ImagesPanel({ story }: { story: Story }) {
  const { t } = useTranslation();
  const upload = useUploadImage(story.id);
  const remove = useDeleteImage(story.id);
  const [file, setFile] = useState<File | null>(null);
  const [fileKey, setFileKey] = useState(0);
  const [caption, setCaption] = useState('');
  const [localError, setLocalError] = useState<string | null>(null);
  const canAdd = story.allowed_actions.includes('add_image');
  const canRemove = story.allowed_actions.includes('update');

  function submit(e: FormEvent) {
    e.preventDefault();
    setLocalError(null);
    upload.reset();
    if (!file) return setLocalError(t('stories.chooseImage'));
    if (file.type && !(IMAGE_TYPES as readonly string[]).includes(file.type)) return setLocalError(t('stories.imageType'));
    if (file.size > MAX_IMAGE_BYTES) return setLocalError(t('stories.imageTooLarge'));
    upload.mutate(
      { file, caption: caption.trim() },
      {
        onSuccess: () => {
          setFile(null);
          setCaption('');
          setFileKey((k) => k + 1);
        },
      },
    );
  }

  const uploadMessage =
    localError ??
    (upload.error
      ? upload.error instanceof ApiError && upload.error.status === 413
        ? t('stories.imageTooLarge')
        : [
            ...new Set([
              errorMessage(upload.error, t),
              ...(upload.error instanceof ApiError ? (upload.error.problem.errors ?? []).map((e) => e.message) : []),
            ]),
          ].join(' ')
      : null);

  return (
    <section aria-labelledby="images-title">
      <h2 id="images-title">
        {t('stories.images')} ({story.images.length})
      </h2>
      <ErrorBanner error={remove.error} />
      {story.images.length === 0 ? (
        <p className="muted">{t('stories.noImages')}</p>
      ) : (
        <ul className="story-images">
          {story.images.map((img, n) => (
            <li key={img.id}>
              <figure>
                <AuthImage url={img.url} alt={img.caption || t('stories.imageN', { n: n + 1 })} />
                <figcaption>{img.caption || <span className="muted">{t('stories.noCaption')}</span>}</figcaption>
                {canRemove && (
                  <button
                    type="button"
                    className="danger small"
                    disabled={remove.isPending}
                    aria-label={t('stories.removeImageN', { n: n + 1 })}
                    onClick={() => remove.mutate(img.id)}
                  >
                    {t('stories.removeImage')}
                  </button>
                )}
              </figure>
            </li>
          ))}
        </ul>
      )}
      {canAdd && (
        <form className="form upload-form" onSubmit={submit} noValidate aria-labelledby="upload-title">
          <h3 id="upload-title">{t('stories.addImage')}</h3>
          <div className="field">
            <label htmlFor="image-file">{t('stories.imageFile')}</label>
            <input
              key={fileKey}
              id="image-file"
              type="file"
              accept={IMAGE_ACCEPT}
              aria-describedby="image-file-hint"
              onChange={(e) => setFile(e.target.files?.[0] ?? null)}
            />
            <p className="field-hint" id="image-file-hint">
              {t('stories.imageHint')}
            </p>
          </div>
          <TextField id="image-caption" label={t('stories.caption')} value={caption} onChange={setCaption} maxLength={300} />
          {uploadMessage && (
            <p className="field-error" role="alert">
              {uploadMessage}
            </p>
          )}
          <div className="form-actions">
            <button type="submit" disabled={upload.isPending}>
              {upload.isPending ? t('stories.uploading') : t('stories.upload')}
            </button>
          </div>
        </form>
      )}
    </section>
  );
}
