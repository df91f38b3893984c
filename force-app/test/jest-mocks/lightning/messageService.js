// Jest stub for lightning/messageService (as in lwc-recipes): publish/subscribe are jest.fn()s
// a test can inspect; MessageContext is a test wire adapter.
import { createTestWireAdapter } from '@salesforce/wire-service-jest-util';

export const APPLICATION_SCOPE = Symbol('APPLICATION_SCOPE');
export const MessageContext = createTestWireAdapter();
export const createMessageContext = jest.fn();
export const releaseMessageContext = jest.fn();
export const publish = jest.fn();
export const subscribe = jest.fn();
export const unsubscribe = jest.fn();
