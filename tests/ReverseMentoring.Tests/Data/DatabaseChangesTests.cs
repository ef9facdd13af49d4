using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Caching.Memory;
using Microsoft.Extensions.DependencyInjection;
using ReverseMentoring.Web.Data;

namespace ReverseMentoring.Tests.Data;

/// <summary>
/// Small reads made on every request are reused only while nothing was committed to the database: a commit by the app
/// itself, or by any other connection to the file (another instance, a script), makes the next request read again.
/// </summary>
public sealed class DatabaseChangesTests(AppFactory app) : IClassFixture<AppFactory>
{
    [Fact]
    public async Task A_value_is_read_again_after_every_commit_by_the_app_or_another_connection_and_reused_in_between()
    {
        var changes = app.Services.GetRequiredService<DatabaseChanges>();
        using var cache = new MemoryCache(new MemoryCacheOptions());
        var reads = 0;
        Task<int> ReadAsync() => Task.FromResult(++reads);

        if (app.PostgreSqlConnectionString is not null)
        {
            // No commit counter on a server database: every request reads.
            Assert.Null(changes.Stamp());
            Assert.Equal(1, await changes.ReadAsync(cache, "figure", ReadAsync));
            Assert.Equal(2, await changes.ReadAsync(cache, "figure", ReadAsync));
            return;
        }

        Assert.Equal(1, await changes.ReadAsync(cache, "figure", ReadAsync));
        Assert.Equal(1, await changes.ReadAsync(cache, "figure", ReadAsync));
        Assert.Equal(1, await changes.ReadAsync(cache, "figure", ReadAsync));

        // A save through the app's own connections.
        await app.ProgramAsync();
        Assert.Equal(2, await changes.ReadAsync(cache, "figure", ReadAsync));
        Assert.Equal(2, await changes.ReadAsync(cache, "figure", ReadAsync));

        // A commit on a connection the app does not know, as another instance's would be.
        await using (var other = new SqliteConnection($"Data Source={app.DatabasePath};Pooling=False"))
        {
            await other.OpenAsync();
            await using var command = other.CreateCommand();
            command.CommandText = "UPDATE \"Programs\" SET \"Name\" = \"Name\" || ' (renamed)'";
            Assert.True(await command.ExecuteNonQueryAsync() > 0);
        }

        Assert.Equal(3, await changes.ReadAsync(cache, "figure", ReadAsync));
        Assert.Equal(3, await changes.ReadAsync(cache, "figure", ReadAsync));

        // A transaction not yet committed is not a change; its commit is.
        await using (var other = new SqliteConnection($"Data Source={app.DatabasePath};Pooling=False"))
        {
            await other.OpenAsync();
            await using var transaction = await other.BeginTransactionAsync();
            await using var command = other.CreateCommand();
            command.Transaction = (SqliteTransaction)transaction;
            command.CommandText = "UPDATE \"Programs\" SET \"Name\" = \"Name\" || '.'";
            await command.ExecuteNonQueryAsync();
            Assert.Equal(3, await changes.ReadAsync(cache, "figure", ReadAsync));
            await transaction.CommitAsync();
        }

        Assert.Equal(4, await changes.ReadAsync(cache, "figure", ReadAsync));

        // Each key keeps its own value.
        Assert.Equal(5, await changes.ReadAsync(cache, "another figure", ReadAsync));
        Assert.Equal(4, await changes.ReadAsync(cache, "figure", ReadAsync));
    }
}
