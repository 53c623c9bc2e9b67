/** Reads a required environment variable, naming it when it is missing. */
export const env = (name: string): string => {
  const value = process.env[name];

  if (!value) throw new Error(`Environment variable ${name} is not set`);

  return value;
};

export const tableName = () => env('TABLE_NAME');
