import { SwarmError } from '../runtime/index.js';

export class DeliveryNotFoundError extends SwarmError {
  constructor(id: string) {
    super('DELIVERY_NOT_FOUND', `no webhook delivery ${id}`);
  }
}
