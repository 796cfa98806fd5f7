import { useMemo } from 'react';
import { Button, Group, Modal, Stack } from '@mantine/core';
import { useForm } from '@mantine/form';
import { ApiError } from '@client';
import { ErrorAlert } from '../../../components/error-alert.tsx';
import { notifySuccess } from '../../../components/notify.ts';
import { useCreateItem, useUpdateItem } from '../api.ts';
import {
  checkAcross,
  checkField,
  createBody,
  initialValues,
  patchBody,
  serverFieldErrors,
  type FormValues,
} from '../form-values.ts';
import { addLabel, type HealthItem, type KindDef } from '../kinds.ts';
import { FieldInput } from './field-input.tsx';

/**
 * Add or edit one item of any kind, in a dialog built from the kind's fields. It checks the
 * API's limits before sending, shows the server's field problems on the fields, and an edit
 * sends only what changed.
 */
export function ItemFormModal({
  kind,
  item,
  opened,
  onClose,
}: {
  kind: KindDef;
  item?: HealthItem;
  opened: boolean;
  onClose: () => void;
}) {
  const title = item ? `Edit ${kind.singular}` : addLabel(kind);
  return (
    <Modal opened={opened} onClose={onClose} title={title} size="lg" closeButtonProps={{ 'aria-label': 'Close' }}>
      <ItemForm key={item?.id ?? 'new'} kind={kind} item={item} onDone={onClose} />
    </Modal>
  );
}

function ItemForm({ kind, item, onDone }: { kind: KindDef; item?: HealthItem; onDone: () => void }) {
  const editing = Boolean(item);
  const initial = useMemo(() => initialValues(kind, item), [kind, item]);
  const create = useCreateItem(kind.id);
  const update = useUpdateItem(kind.id);
  const mutation = editing ? update : create;

  const form = useForm<FormValues>({
    mode: 'controlled',
    initialValues: initial,
    validate: (values) => {
      const errors: Record<string, string> = {};
      for (const f of kind.fields) {
        const problem = checkField(f, values[f.name], !editing);
        if (problem) errors[f.name] = problem;
      }
      return { ...checkAcross(values), ...errors };
    },
  });

  const onError = (error: Error) => {
    if (error instanceof ApiError && error.code === 'validation_failed')
      form.setErrors(serverFieldErrors(kind, error.fieldErrors));
  };

  const submit = form.onSubmit((values) => {
    if (item) {
      const body = patchBody(kind, initial, values);
      if (Object.keys(body).length === 0) return onDone();
      update.mutate(
        { id: item.id, body },
        { onError, onSuccess: (saved) => (notifySuccess(`Saved ${kind.describe(saved)}.`), onDone()) },
      );
    } else {
      create.mutate(createBody(kind, values), {
        onError,
        onSuccess: (saved) => (notifySuccess(`Added ${kind.describe(saved)}.`), onDone()),
      });
    }
  });

  const fieldProblemsShown =
    mutation.error instanceof ApiError &&
    mutation.error.code === 'validation_failed' &&
    Object.keys(serverFieldErrors(kind, mutation.error.fieldErrors)).length > 0;

  return (
    <form onSubmit={submit} noValidate>
      <Stack gap="md">
        {mutation.error && !fieldProblemsShown && (
          <ErrorAlert error={mutation.error} title={editing ? 'Could not save' : 'Could not add'} />
        )}
        {kind.fields.map((f) => (
          <FieldInput key={f.name} field={f} props={form.getInputProps(f.name)} editing={editing} />
        ))}
        <Group justify="flex-end" gap="sm" mt="sm">
          <Button variant="default" onClick={onDone}>
            Cancel
          </Button>
          <Button type="submit" loading={mutation.isPending}>
            {editing ? 'Save changes' : addLabel(kind)}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
