import { useState } from 'react';
import { Pressable, StyleSheet, Text, View } from 'react-native';
import { messageFor } from '@client';
import { Badge } from '../../components/badge';
import { Button } from '../../components/button';
import { Notice } from '../../components/notice';
import { QueryState } from '../../components/query-state';
import { colors, radius, space, TAP } from '../../components/theme';
import { formatDateTime, relative } from '../../lib/format';
import { SaveExportError, useExportData, useExports, type ExportFormat } from './api';
import { formatSize } from './words';

const FORMATS: { value: ExportFormat; label: string; description: string }[] = [
  { value: 'json', label: 'JSON', description: 'One file with everything, for another app or for safekeeping.' },
  {
    value: 'zip',
    label: 'ZIP',
    description: 'A spreadsheet (CSV) for each kind of data, to open in Numbers or Excel.',
  },
];

/**
 * Export my data, in either format, handed to the share sheet with a progress line while it
 * arrives; and the export history, so people can see when their data left the server. The same
 * on Settings → Account and on the disabled account's screen.
 */
export function ExportSection() {
  const [format, setFormat] = useState<ExportFormat>('json');
  const exporting = useExportData();
  const { progress } = exporting;
  const error = exporting.error
    ? exporting.error instanceof SaveExportError
      ? exporting.error.message
      : messageFor(exporting.error)
    : null;

  return (
    <View style={styles.wrap}>
      <Text style={styles.body}>
        Download everything you keep in Baseline. Each export is listed in the export history below.
      </Text>
      <View accessibilityRole="radiogroup" accessibilityLabel="Format" style={styles.formats}>
        <Text style={styles.label}>Format</Text>
        {FORMATS.map((f) => {
          const checked = f.value === format;
          return (
            <Pressable
              key={f.value}
              accessibilityRole="radio"
              accessibilityLabel={f.label}
              accessibilityHint={f.description}
              accessibilityState={{ checked, disabled: exporting.isPending }}
              disabled={exporting.isPending}
              onPress={() => setFormat(f.value)}
              style={[styles.format, checked && styles.formatChecked]}
            >
              <View style={[styles.dot, checked && styles.dotChecked]} />
              <View style={styles.formatText}>
                <Text style={styles.formatLabel}>{f.label}</Text>
                <Text style={styles.dimmed}>{f.description}</Text>
              </View>
            </Pressable>
          );
        })}
      </View>
      {error ? (
        <Notice tone="error" title="Could not export your data">
          {error}
        </Notice>
      ) : null}
      {progress ? (
        <Text style={styles.progress} accessibilityRole="progressbar" accessibilityLiveRegion="polite">
          {progress.phase === 'downloading'
            ? `${formatSize(progress.received)} received…`
            : `${formatSize(progress.received)} received. Choose where to keep it.`}
        </Text>
      ) : exporting.data ? (
        <Notice tone="success">{`Exported ${formatSize(exporting.data.bytes)} as ${exporting.data.name}.`}</Notice>
      ) : null}
      <Button
        label="Export my data"
        busy={exporting.isPending}
        onPress={() => exporting.mutate(format)}
        accessibilityHint={`Downloads your data as ${format.toUpperCase()}`}
      />
      <ExportHistory />
    </View>
  );
}

function ExportHistory() {
  const exports = useExports();
  return (
    <View style={styles.history}>
      <Text accessibilityRole="header" style={styles.subheader}>
        Export history
      </Text>
      <QueryState
        query={exports}
        loadingLabel="Loading export history…"
        isEmpty={exports.data?.items.length === 0}
        empty={
          <Text style={styles.dimmed}>
            No exports yet. Your exports will be listed here, with their date, format and size.
          </Text>
        }
      >
        {exports.data?.items.map((e) => (
          <View
            key={e.id}
            style={styles.row}
            accessible
            accessibilityLabel={`${e.format.toUpperCase()} export, ${formatSize(e.bytes)}, ${formatDateTime(e.createdAt)}`}
          >
            <View style={styles.rowText}>
              <Text style={styles.when}>{formatDateTime(e.createdAt)}</Text>
              <Text style={styles.dimmed}>{relative(e.createdAt)}</Text>
            </View>
            <Badge label={e.format.toUpperCase()} tone="grey" />
            <Text style={styles.size}>{formatSize(e.bytes)}</Text>
          </View>
        ))}
      </QueryState>
    </View>
  );
}

const styles = StyleSheet.create({
  wrap: { gap: space.md },
  body: { fontSize: 15, color: colors.text, lineHeight: 21 },
  label: { fontSize: 15, fontWeight: '600', color: colors.text },
  formats: { gap: space.sm },
  format: {
    minHeight: TAP,
    flexDirection: 'row',
    alignItems: 'center',
    gap: space.sm,
    borderWidth: 1,
    borderColor: colors.border,
    borderRadius: radius,
    padding: space.sm + 2,
  },
  formatChecked: { borderColor: colors.accent, backgroundColor: colors.infoSoft },
  dot: { width: 20, height: 20, borderRadius: 10, borderWidth: 2, borderColor: colors.border },
  dotChecked: { borderColor: colors.accent, borderWidth: 6 },
  formatText: { flex: 1, gap: 2 },
  formatLabel: { fontSize: 16, fontWeight: '600', color: colors.text },
  dimmed: { fontSize: 14, color: colors.dimmed, lineHeight: 19 },
  progress: { fontSize: 15, color: colors.accent, fontWeight: '500' },
  history: { gap: space.sm },
  subheader: { fontSize: 15, fontWeight: '600', color: colors.text },
  row: {
    flexDirection: 'row',
    alignItems: 'center',
    gap: space.sm,
    paddingVertical: space.xs,
    borderTopWidth: StyleSheet.hairlineWidth,
    borderTopColor: colors.border,
  },
  rowText: { flex: 1, gap: 2 },
  when: { fontSize: 15, color: colors.text },
  size: { fontSize: 15, color: colors.text, minWidth: 64, textAlign: 'right' },
});
