using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using ReverseMentoring.Web.Data;

namespace ReverseMentoring.Tests;

/// <summary>
/// A SQLite file migrated once per test run; each test app on SQLite starts from a copy of it, the way each app on
/// PostgreSQL starts from a copy of <see cref="PostgreSqlTestServer"/>'s template. Migrating from empty costs about a
/// second of CPU per app, and a run starts a few hundred apps. The migrations from empty are still run by the tests of
/// them (Data/DatabaseTests, the migrate command in CI) and by every app started with its own connection string.
/// </summary>
public static class SqliteTestTemplate
{
    private static readonly Lazy<string> Template = new(Create, LazyThreadSafetyMode.ExecutionAndPublication);

    /// <summary>Copies the migrated template to <paramref name="databasePath"/>, unless a file is already there.</summary>
    public static void CopyTo(string databasePath)
    {
        if (!File.Exists(databasePath))
        {
            File.Copy(Template.Value, databasePath);
        }
    }

    private static string Create()
    {
        var folder = Directory.CreateTempSubdirectory("rm-tests-template-");
        var path = Path.Combine(folder.FullName, "template.db");

        // No pooling: closing the one connection checkpoints the write-ahead log into the file, so the file alone is whole.
        var options = new DbContextOptionsBuilder<SqliteAppDbContext>().UseSqlite($"Data Source={path};Pooling=False").Options;
        using (var db = new SqliteAppDbContext(options))
        {
            Database.MigrateAsync(db, CancellationToken.None).GetAwaiter().GetResult();
        }

        SqliteConnection.ClearAllPools();
        AppDomain.CurrentDomain.ProcessExit += (_, _) =>
        {
            try
            {
                folder.Delete(recursive: true);
            }
            catch (IOException)
            {
                // Left for the OS temp cleaner.
            }
        };
        return path;
    }
}
