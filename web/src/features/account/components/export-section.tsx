import { useState } from 'react';
import { Badge, Button, Radio, ScrollArea, Stack, Table, Text, Title } from '@mantine/core';
import { IconDownload } from '@tabler/icons-react';
import { ErrorAlert } from '../../../components/error-alert.tsx';
import { notifySuccess } from '../../../components/notify.ts';
import { QueryState } from '../../../components/query-state.tsx';
import { RelativeTime } from '../../../components/relative-time.tsx';
import { useExports, useStartExport, type ExportFormat } from '../api.ts';
import { formatSize } from '../words.ts';

/**
 * Export my data, in either format, downloaded by the browser straight to disk; and the export
 * history, so people can see when their data left the server. Also the disabled account's page.
 */
export function ExportSection() {
  const [format, setFormat] = useState<ExportFormat>('json');
  const start = useStartExport();

  return (
    <Stack gap="lg">
      <Radio.Group label="Format" value={format} onChange={(v) => setFormat(v === 'zip' ? 'zip' : 'json')}>
        <Stack gap="sm" mt="xs">
          <Radio
            value="json"
            label="JSON"
            description="One file with everything, for another app or for safekeeping."
          />
          <Radio
            value="zip"
            label="ZIP"
            description="A spreadsheet (CSV) for each kind of data, to open in Excel or Numbers."
          />
        </Stack>
      </Radio.Group>
      {start.error && <ErrorAlert error={start.error} title="Could not start the export" />}
      <Button
        leftSection={<IconDownload size={18} aria-hidden />}
        onClick={() => start.mutate(format, { onSuccess: () => notifySuccess('Your export is downloading.') })}
        loading={start.isPending}
        style={{ alignSelf: 'flex-start' }}
      >
        Export my data
      </Button>
      <ExportHistory />
    </Stack>
  );
}

function ExportHistory() {
  const exports = useExports();
  return (
    <Stack gap="xs">
      <Title order={3} size="h5">
        Export history
      </Title>
      <QueryState
        query={exports}
        loadingLabel="Loading export history…"
        isEmpty={(d) => d.items.length === 0}
        empty={
          <Text size="sm">No exports yet. Your exports will be listed here, with their date, format and size.</Text>
        }
      >
        {(data) => (
          <ScrollArea type="auto">
            <Table verticalSpacing="sm" aria-label="Export history" miw={300}>
              <Table.Thead>
                <Table.Tr>
                  <Table.Th>When</Table.Th>
                  <Table.Th>Format</Table.Th>
                  <Table.Th ta="right">Size</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {data.items.map((e) => (
                  <Table.Tr key={e.id}>
                    <Table.Td>
                      <RelativeTime value={e.createdAt} />
                    </Table.Td>
                    <Table.Td>
                      <Badge variant="light" color="gray">
                        {e.format.toUpperCase()}
                      </Badge>
                    </Table.Td>
                    <Table.Td ta="right" style={{ whiteSpace: 'nowrap' }}>
                      {formatSize(e.bytes)}
                    </Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </ScrollArea>
        )}
      </QueryState>
    </Stack>
  );
}
