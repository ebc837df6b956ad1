import { DELIVERY_OPTIONS, deliveryUsage, runDeliveryCommand } from './plan';
import { defineCommand } from '../command';

export const driftCommand = defineCommand({
  name: 'drift',
  summary: 'Refresh-only plan per stack: report resources changed outside Terraform (text or JSON).',
  usage: deliveryUsage('drift'),
  options: DELIVERY_OPTIONS,
  run: (ctx, values) => runDeliveryCommand('drift', ctx, values),
});
