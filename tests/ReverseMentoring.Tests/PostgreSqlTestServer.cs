using Microsoft.EntityFrameworkCore;
using Npgsql;
using ReverseMentoring.Web.Data;

namespace ReverseMentoring.Tests;

/// <summary>
/// The PostgreSQL server the tests run against when <c>RM_TEST_DATABASE=postgres</c> and <c>RM_TEST_POSTGRES</c>
/// holds a connection string to it (<c>.ci/postgres start</c> makes a throwaway one). The migrations run once per test
/// run into a template database; each app then gets its own copy (CREATE DATABASE ... TEMPLATE, a file copy, far
/// quicker than migrating again) and drops it when it is disposed.
/// </summary>
public static class PostgreSqlTestServer
{
    private static readonly Lock Gate = new();
    private static string? _template;

    public static bool IsConfigured =>
        string.Equals(Environment.GetEnvironmentVariable("RM_TEST_DATABASE"), "postgres", StringComparison.OrdinalIgnoreCase)
        && !string.IsNullOrWhiteSpace(ServerConnectionString);

    public const string NotConfigured = "needs a PostgreSQL server: set RM_TEST_DATABASE=postgres and RM_TEST_POSTGRES (see .ci/postgres)";

    private static string? ServerConnectionString => Environment.GetEnvironmentVariable("RM_TEST_POSTGRES");

    /// <summary>A new, migrated database of its own; returns its connection string.</summary>
    public static string CreateDatabase()
    {
        var template = Template();
        var name = "rm_" + Guid.NewGuid().ToString("N");
        Execute($"CREATE DATABASE \"{name}\" TEMPLATE \"{template}\"");
        return For(name);
    }

    /// <summary>An empty database (no migrations applied), for tests of the migrations themselves.</summary>
    public static string CreateEmptyDatabase()
    {
        var name = "rm_" + Guid.NewGuid().ToString("N");
        Execute($"CREATE DATABASE \"{name}\"");
        return For(name);
    }

    public static void DropDatabase(string connectionString)
    {
        var name = new NpgsqlConnectionStringBuilder(connectionString).Database;
        using (var connection = new NpgsqlConnection(connectionString))
        {
            NpgsqlConnection.ClearPool(connection);
        }

        Execute($"DROP DATABASE IF EXISTS \"{name}\" WITH (FORCE)");
    }

    private static string For(string database) =>
        new NpgsqlConnectionStringBuilder(ServerConnectionString) { Database = database }.ToString();

    private static string Template()
    {
        lock (Gate)
        {
            if (_template is not null)
            {
                return _template;
            }

            var name = "rm_template_" + Guid.NewGuid().ToString("N");
            Execute($"CREATE DATABASE \"{name}\"");
            var connectionString = new NpgsqlConnectionStringBuilder(For(name)) { Pooling = false }.ToString();
            using (var db = new PostgreSqlAppDbContext(new DbContextOptionsBuilder<PostgreSqlAppDbContext>().UseNpgsql(connectionString).Options))
            {
                db.Database.Migrate();
            }

            // A template must have no connections while it is copied.
            Execute($"ALTER DATABASE \"{name}\" WITH IS_TEMPLATE true");
            AppDomain.CurrentDomain.ProcessExit += (_, _) =>
            {
                try
                {
                    Execute($"ALTER DATABASE \"{name}\" WITH IS_TEMPLATE false");
                    Execute($"DROP DATABASE IF EXISTS \"{name}\" WITH (FORCE)");
                }
                catch (NpgsqlException)
                {
                    // The throwaway server may already be gone; its folder goes with it.
                }
            };
            _template = name;
            return name;
        }
    }

    /// <summary>Runs a statement on the server's own database, as the server's administrator.</summary>
    public static void Execute(string sql)
    {
        using var connection = new NpgsqlConnection(new NpgsqlConnectionStringBuilder(ServerConnectionString) { Pooling = false }.ToString());
        connection.Open();
        using var command = new NpgsqlCommand(sql, connection);
        command.ExecuteNonQuery();
    }
}

/// <summary>A test that needs a PostgreSQL server; skipped, with the reason, in a run without one.</summary>
public sealed class PostgreSqlFactAttribute : FactAttribute
{
    public PostgreSqlFactAttribute()
    {
        if (!PostgreSqlTestServer.IsConfigured)
        {
            Skip = PostgreSqlTestServer.NotConfigured;
        }
    }
}
