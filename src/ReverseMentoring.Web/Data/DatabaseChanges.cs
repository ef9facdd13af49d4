using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Caching.Memory;

namespace ReverseMentoring.Web.Data;

/// <summary>
/// Whether anything was committed to the database since a value was read, so a small read made on every request (the
/// dashboard's versions, the sign-in check) can be answered from memory while nothing was: exactly, with no time window.
/// On SQLite the stamp is the file's data version (<c>PRAGMA data_version</c>), read on a connection of its own that never
/// writes: it changes with every commit by any other connection, of this process or another, and costs no page reads.
/// The server databases have no such counter, so there every read goes to the database as before.
/// </summary>
/// <remarks>
/// Under a steady stream of writes each commit discards every pooled SQLite connection's page cache, so these small
/// reads, about a millisecond each, were half of a reused dashboard's cost at 400 requests a second (docs/benchmarks.md).
/// </remarks>
public sealed class DatabaseChanges : IDisposable
{
    /// <summary>How long a value read under a stamp is kept when nothing asks for it again.</summary>
    private static readonly TimeSpan KeptFor = TimeSpan.FromMinutes(1);

    private readonly Lock _reading = new();
    private readonly string? _sqlite;
    private SqliteConnection? _connection;
    private SqliteCommand? _version;

    // The data version counts from the connection's opening: a connection opened again starts a new run of stamps.
    private long _opened;

    public DatabaseChanges(string? sqliteConnectionString)
    {
        _sqlite = sqliteConnectionString is null
            ? null
            : new SqliteConnectionStringBuilder(sqliteConnectionString) { Pooling = false, Mode = SqliteOpenMode.ReadWrite }.ToString();
    }

    /// <summary>The database's commit counter as seen now; null when there is none (server databases) or it cannot be read.</summary>
    public long? Stamp()
    {
        if (_sqlite is null)
        {
            return null;
        }

        lock (_reading)
        {
            try
            {
                if (_connection is null)
                {
                    _connection = new SqliteConnection(_sqlite);
                    _connection.Open();
                    _version = _connection.CreateCommand();
                    _version.CommandText = "PRAGMA data_version;";
                    _opened++;
                }

                return (_opened << 40) + (long)_version!.ExecuteScalar()!;
            }
            catch (SqliteException)
            {
                // No file yet, or it went away: read from the database every time until it is back.
                Close();
                return null;
            }
        }
    }

    /// <summary>
    /// The value read by <paramref name="read"/>, reused while nothing was committed since it was read. The stamp is taken
    /// before reading, so a commit during the read makes the value stale at once rather than keeping it.
    /// </summary>
    public async Task<T> ReadAsync<T>(IMemoryCache cache, object key, Func<Task<T>> read)
    {
        ArgumentNullException.ThrowIfNull(cache);
        ArgumentNullException.ThrowIfNull(read);
        var stamp = Stamp();
        if (stamp is null)
        {
            return await read();
        }

        if (cache.TryGetValue(key, out Stamped<T>? kept) && kept is not null && kept.Stamp == stamp)
        {
            return kept.Value;
        }

        var value = await read();
        cache.Set(key, new Stamped<T>(stamp.Value, value), new MemoryCacheEntryOptions { SlidingExpiration = KeptFor });
        return value;
    }

    public void Dispose()
    {
        lock (_reading)
        {
            Close();
        }
    }

    private void Close()
    {
        _version?.Dispose();
        _connection?.Dispose();
        (_version, _connection) = (null, null);
    }

    private sealed record Stamped<T>(long Stamp, T Value);
}
