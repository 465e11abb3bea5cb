// The run views' formatter is the app's one formatter; this path stays so imports keep working.
export * from '@/lib/format';
