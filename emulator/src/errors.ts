/**
 * Errors in the shapes the Salesforce API returns them. A REST error body is an array of
 * `{ message, errorCode, fields? }`; per-record results in collections use `statusCode`.
 */
export interface ApiErrorBody {
  message: string;
  errorCode: string;
  fields?: string[];
}

export interface RecordError {
  statusCode: string;
  message: string;
  fields: string[];
}

export class SalesforceError extends Error {
  readonly errorCode: string;
  readonly httpStatus: number;
  readonly fields: string[] | undefined;

  constructor(errorCode: string, message: string, options: { httpStatus?: number; fields?: string[] } = {}) {
    super(message);
    this.name = 'SalesforceError';
    this.errorCode = errorCode;
    this.httpStatus = options.httpStatus ?? 400;
    this.fields = options.fields;
  }

  toBody(): ApiErrorBody[] {
    const body: ApiErrorBody = { message: this.message, errorCode: this.errorCode };
    if (this.fields) body.fields = this.fields;
    return [body];
  }

  toRecordError(): RecordError {
    return { statusCode: this.errorCode, message: this.message, fields: this.fields ?? [] };
  }
}

export const notFound = (message = 'The requested resource does not exist') =>
  new SalesforceError('NOT_FOUND', message, { httpStatus: 404 });
