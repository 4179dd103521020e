import { Form, useNavigation } from 'react-router';

/**
 * "Restore": a plain form post naming the version. The server queues the restore; the page then
 * shows the progress (RestoreProgress) until the new version is listed.
 */
export function RestoreButton(props: { versionId: string; number: number }) {
  const navigation = useNavigation();
  const submitting =
    navigation.state === 'submitting' &&
    navigation.formData?.get('intent') === 'restore' &&
    navigation.formData.get('versionId') === props.versionId;
  return (
    <Form
      method="post"
      className="inline-form"
      onSubmit={(event) => {
        if (
          !window.confirm(`Restore version ${props.number}? The current text stays in the history.`)
        )
          event.preventDefault();
      }}
    >
      <input type="hidden" name="intent" value="restore" />
      <input type="hidden" name="versionId" value={props.versionId} />
      <button type="submit" className="button small" disabled={submitting}>
        {submitting ? 'Restoring…' : 'Restore'}
      </button>
    </Form>
  );
}
