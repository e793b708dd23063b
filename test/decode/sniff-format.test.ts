import test from 'ava';
import { sniffFormat } from '../../src/decode/index.js';
import type { InputFormat } from '../../src/types.js';

const CASES: { name: string; input: string; expected: InputFormat | null }[] = [
  { name: 'empty', input: '', expected: null },
  { name: 'whitespace only', input: ' \n\t\n', expected: null },
  { name: 'filter-log-events, CLI layout', input: '{\n    "events": [\n        {\n            "logStreamName": "9f86', expected: 'filter-log-events' },
  { name: 'filter-log-events, event id first', input: '{"events":[{"eventId":"378","timestamp":1', expected: 'filter-log-events' },
  { name: 'filter-log-events, no events but searched streams', input: '{"events":[],"searchedLogStreams":[]}', expected: 'filter-log-events' },
  { name: 'get-log-events: first event has no stream name', input: '{"events":[{"timestamp":1,"message":"a","ingestionTime":2},', expected: 'get-log-events' },
  { name: 'get-log-events: tokens', input: '{"events":[],"nextForwardToken":"f/1","nextBackwardToken":"b/1"}', expected: 'get-log-events' },
  { name: 'ndjson of events', input: '{"id":"1","timestamp":1,"message":"a"}\n{"id":"2"', expected: 'ndjson' },
  { name: 'ndjson of Insights rows', input: '{"@timestamp":"2024-05-19 06:10:35.743","@message":"x"}\n', expected: 'ndjson' },
  { name: 'subscription payload', input: '{"messageType":"DATA_MESSAGE","owner":"1"', expected: 'subscription' },
  { name: 'Lambda subscriber event', input: '{"awslogs":{"data":"H4sI', expected: 'subscription' },
  { name: 'Insights get-query-results', input: '{"results":[[{"field":"@timestamp"', expected: 'insights-json' },
  { name: 'Insights JSON array', input: '[\n  {\n    "@timestamp": "2024-05-19 06:10:35.743",', expected: 'insights-json' },
  { name: 'empty JSON array', input: '[]', expected: 'insights-json' },
  { name: 'test-invoke-method output', input: '{"status":403,"body":"{}","headers":{},"log":"Execution log', expected: 'test-invoke' },
  { name: 'test-invoke-authorizer output', input: '{"clientStatus":0,"log":"Execution log for request test-request', expected: 'test-invoke' },
  { name: 'JSON of no known export', input: '{"Items":[],"Count":0}', expected: null },
  { name: 'S3 export', input: '2024-02-24T00:29:03.163Z (a1) Extended Request Id: x\n', expected: 's3-export' },
  { name: 'tail detailed', input: '2024-02-24T00:29:03.163000+00:00 9f86d081884c7d659a2feaa0c55ad015 (a1) x\n', expected: 'tail' },
  { name: 'tail detailed, coloured', input: '\u001b[32m2024-02-24T00:29:03.163000+00:00\u001b[0m \u001b[36ms\u001b[0m x\n', expected: 'tail' },
  { name: 'tail short', input: '2024-02-24T00:29:03 (a1) x\n', expected: 'tail' },
  { name: 'console header', input: 'Execution log for request 4d4a\nThu Aug 31', expected: 'console' },
  { name: 'console lines without header', input: 'Thu Aug 31 01:07:25 UTC 2017 : Starting execution\n', expected: 'console' },
  { name: 'copy-paste with local offset', input: '2023-10-27T14:40:57.744+01:00 | (a1) x\n', expected: 'copy-paste' },
  { name: 'copy-paste time alone', input: '2024-02-24T00:29:03.163Z\n(a1) x\n', expected: 'copy-paste' },
  { name: 'bare prefixed messages', input: '(a1) Extended Request Id: x\n(a1) Starting', expected: 'copy-paste' },
  { name: 'bare text of no known shape', input: 'Starting execution for request: 1234\n', expected: 'copy-paste' },
  { name: 'a text line starting with a bracket', input: '[INFO] something\n', expected: 'copy-paste' },
  { name: 'Insights CSV', input: '@timestamp,@message\n2024-05-19 06:10:35.743,x\n', expected: 'insights-csv' },
  { name: 'Insights markdown', input: '| @timestamp | @message |\n|---|---|\n', expected: 'insights-markdown' },
  { name: 'binary', input: '\u0000\u0001\u0002\u0003garbage', expected: null },
  { name: 'gzip bytes read as text', input: '\u001f\ufffd\b\u0000\u0000\u0000\u0000\u0000\u0000\u0003', expected: null },
  { name: 'byte-order mark then S3 export', input: '\ufeff2024-02-24T00:29:03.163Z x\n', expected: 's3-export' },
];

for (const c of CASES) {
  test(`sniffFormat: ${c.name}`, (t) => {
    t.is(sniffFormat(c.input), c.expected);
  });
}
