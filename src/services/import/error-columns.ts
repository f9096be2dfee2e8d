/**
 * The two columns an error file (./error-file) adds after the list's own:
 * here, apart from the file writer, so that header guessing (./headers),
 * which the wizard's bundle loads too, needs no Node modules.
 */
export const ERROR_COLUMNS = { row: 'Row in original file', problem: 'Problem to fix' } as const;
