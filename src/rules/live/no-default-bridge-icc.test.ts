import { emptyContainerSpec } from '../../model/index.js';
import { testRule } from '../../testing/rule-tester.js';
import { noDefaultBridgeIcc } from './no-default-bridge-icc.js';

testRule(noDefaultBridgeIcc, {
  valid: [
    { name: 'no live facts (not from an engine)', model: emptyContainerSpec('web', 'compose', { source: 'compose.yaml', line: 2, column: 3 }) },
    {
      name: 'icc off on the bridge',
      engine: '{"Name": "/web", "NetworkSettings": {"Networks": {"bridge": {"IPAddress": "172.17.0.2"}}}}',
      files: { 'bridge.json': '{"Name": "bridge", "Driver": "bridge", "Options": {"com.docker.network.bridge.enable_icc": "false"}}' },
    },
    {
      name: 'user-defined network',
      engine: '{"Name": "/web", "NetworkSettings": {"Networks": {"app_default": {"IPAddress": "172.18.0.2"}}}}',
      files: { 'bridge.json': '{"Name": "bridge", "Driver": "bridge", "Options": {"com.docker.network.bridge.enable_icc": "true"}}' },
    },
    {
      name: 'network none',
      engine: '{"Name": "/web", "NetworkSettings": {"Networks": {"none": {}}}}',
      files: { 'bridge.json': '{"Name": "bridge", "Driver": "bridge", "Options": {"com.docker.network.bridge.enable_icc": "true"}}' },
    },
  ],
  invalid: [
    {
      name: 'icc on',
      engine: '{"Name": "/web", "NetworkSettings": {"Networks": {"bridge": {"IPAddress": "172.17.0.2"}}}}',
      files: { 'bridge.json': '{"Name": "bridge", "Driver": "bridge", "Options": {"com.docker.network.bridge.enable_icc": "true"}}' },
      errors: [{ messageId: 'iccOn', line: 1, column: 61 }],
    },
    {
      name: 'icc option absent means on',
      engine: '{"Name": "/web", "NetworkSettings": {"Networks": {"bridge": {"IPAddress": "172.17.0.2"}}}}',
      files: { 'bridge.json': '{"Name": "bridge", "Options": {}}' },
      errors: [{ messageId: 'iccOn', line: 1, column: 61 }],
    },
    {
      name: 'bridge not inspected',
      engine: '{"Name": "/web", "NetworkSettings": {"Networks": {"bridge": {"IPAddress": "172.17.0.2"}}}}',
      errors: [{ messageId: 'unknown', line: 1, column: 61, status: 'unknown' }],
    },
  ],
});
