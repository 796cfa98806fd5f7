import {
  Input,
  JsonInput,
  NumberInput,
  PasswordInput,
  SegmentedControl,
  Select,
  Textarea,
  TextInput,
  VisuallyHidden,
} from '@mantine/core';
import type { GetInputPropsReturnType } from '@mantine/form';
import { useRecent } from '../api.ts';
import { formatDay, type FieldDef } from '../kinds.ts';

type InputProps = GetInputPropsReturnType & { value?: unknown; error?: unknown };

/**
 * One input for one field of a kind, chosen by the field's type, so every form of every kind
 * speaks the same way: native date pickers on phones, scores as a choice of five, secrets
 * never shown back.
 */
export function FieldInput({ field, props, editing }: { field: FieldDef; props: InputProps; editing: boolean }) {
  const common = {
    label: field.label,
    description: field.description,
    withAsterisk: field.required && (field.type !== 'secret' || !editing),
    error: props.error as string | undefined,
  };
  const onChange = props.onChange as (v: unknown) => void;
  const value = props.value as string | number;

  switch (field.type) {
    case 'date':
      return <TextInput {...props} {...common} type="date" />;
    case 'datetime':
      return <TextInput {...props} {...common} type="datetime-local" />;
    case 'number':
      return (
        <NumberInput
          {...common}
          value={value}
          onChange={onChange}
          onBlur={props.onBlur as () => void}
          onFocus={props.onFocus as () => void}
          step={field.step}
          min={field.min}
          max={field.max}
          clampBehavior="none"
          decimalScale={4}
          inputMode="decimal"
        />
      );
    case 'score': {
      const id = `field-${field.name}`;
      return (
        <Input.Wrapper {...common} id={id} labelElement="div" size="md">
          <SegmentedControl
            aria-labelledby={`${id}-label`}
            fullWidth
            size="md"
            styles={{ label: { minHeight: 44, display: 'flex', alignItems: 'center', justifyContent: 'center' } }}
            value={String(value)}
            onChange={onChange}
            data={[
              { value: '', label: 'None' },
              ...field.choices.map((word, i) => ({
                value: String(i + 1),
                label: (
                  <>
                    {i + 1}
                    <VisuallyHidden>{`, ${word.toLowerCase()}`}</VisuallyHidden>
                  </>
                ),
              })),
            ]}
            mt={4}
          />
        </Input.Wrapper>
      );
    }
    case 'text':
      return field.multiline ? (
        <Textarea {...props} {...common} autosize minRows={2} maxRows={8} />
      ) : (
        <TextInput {...props} {...common} />
      );
    case 'select':
      return (
        <Select
          {...common}
          value={String(value) || null}
          onChange={(v) => onChange(v ?? '')}
          data={[...field.options]}
          allowDeselect={false}
        />
      );
    case 'json':
      return (
        <JsonInput
          {...props}
          {...common}
          autosize
          minRows={4}
          maxRows={14}
          formatOnBlur
          placeholder={'{\n  "systolic": 120\n}'}
        />
      );
    case 'secret':
      return (
        <PasswordInput
          {...props}
          {...common}
          autoComplete="off"
          description={
            editing
              ? 'Leave empty to keep the token you saved. It is never shown again.'
              : 'Stored encrypted and never shown again.'
          }
        />
      );
    case 'intervention':
      return <InterventionSelect common={common} value={String(value)} onChange={onChange} />;
  }
}

function InterventionSelect({
  common,
  value,
  onChange,
}: {
  common: { label: string; description?: string; error?: string };
  value: string;
  onChange: (v: unknown) => void;
}) {
  const interventions = useRecent('interventions', {}, 200);
  const data = (interventions.data?.items ?? []).map((i) => ({
    value: i.id,
    label: `${String(i.name)} (since ${formatDay(String(i.startedOn))})`,
  }));
  return (
    <Select
      {...common}
      value={value || null}
      onChange={(v) => onChange(v ?? '')}
      data={data}
      clearable
      searchable
      placeholder={
        interventions.isPending ? 'Loading your interventions…' : data.length ? 'None' : 'You have no interventions yet'
      }
      error={common.error ?? (interventions.error ? 'Your interventions could not be loaded.' : undefined)}
    />
  );
}
