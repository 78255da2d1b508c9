import { isLiveContainer, isUnknown } from '../../model/index.js';
import { runtimeRule } from '../types.js';

/** BW1105: a container on the default bridge while inter-container traffic is on there (CIS 2.2, 5.30; seed §7). */
export const noDefaultBridgeIcc = runtimeRule({
  meta: {
    id: 'BW1105',
    name: 'no-default-bridge-icc',
    scope: 'runtime',
    severity: 'medium',
    title: 'Containers are not on the default bridge with inter-container traffic on',
    rationale:
      'Every container started without a network joins the default `bridge` network, where by default (icc on) each one can reach every port of every other one. One compromised container can then probe and attack all the others, whatever service they belong to.',
    remediation:
      'Put each stack on its own user-defined network (`docker network create app`, compose does this by itself), backends on `--internal` networks; and set `"icc": false` in daemon.json so the default bridge no longer lets containers talk.',
    references: {
      seed: '§7',
      cis: { version: '1.6.0', items: ['2.2', '5.30'] },
      docs: ['https://docs.docker.com/engine/network/drivers/bridge/#differences-between-user-defined-bridges-and-the-default-bridge'],
    },
    checklist: 'network-secrets',
    appliesTo: ['engine'],
    messages: {
      iccOn: '{target} is on the default bridge network, where inter-container traffic is on.',
      unknown: '{target} is on the default bridge network, and whether inter-container traffic is on there cannot be known: {reason}.',
    },
  },
  check(c, ctx) {
    if (!isLiveContainer(c)) return;
    const onBridge = c.live.attachedNetworks.find((n) => !isUnknown(n.value) && n.value === 'bridge');
    if (!onBridge) return;
    if (c.live.defaultBridgeIcc === undefined) {
      ctx.report({ messageId: 'unknown', at: onBridge, status: 'unknown', data: { reason: 'the bridge network could not be inspected' } });
      return;
    }
    if (c.live.defaultBridgeIcc) ctx.report({ messageId: 'iccOn', at: onBridge });
  },
});
