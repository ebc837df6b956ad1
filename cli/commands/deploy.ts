import { DELIVERY_OPTIONS, deliveryUsage, runDeliveryCommand } from './plan';
import { defineCommand } from '../command';

export const deployCommand = defineCommand({
  name: 'deploy',
  summary: 'Plan, check and apply exactly the checked plan, per stack, a bounded number at once.',
  usage: deliveryUsage('deploy'),
  options: DELIVERY_OPTIONS,
  run: (ctx, values) => runDeliveryCommand('deploy', ctx, values),
});
