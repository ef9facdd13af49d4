using System.Data.Common;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using ReverseMentoring.Web.Data;

namespace ReverseMentoring.Tests;

/// <summary>The statements a context sends, in order, as its interceptor saw them.</summary>
public sealed class SentStatements : DbCommandInterceptor
{
    public List<string> Sent { get; } = [];

    public int Count => Sent.Count;

    public override ValueTask<InterceptionResult<DbDataReader>> ReaderExecutingAsync(
        DbCommand command, CommandEventData eventData, InterceptionResult<DbDataReader> result, CancellationToken cancellationToken = default)
    {
        Sent.Add(command.CommandText);
        return base.ReaderExecutingAsync(command, eventData, result, cancellationToken);
    }
}

public static class SentStatementsContext
{
    /// <summary>A context of the test app's own database (SQLite or PostgreSQL) whose statements are recorded.</summary>
    public static AppDbContext RecordingContext(this AppFactory app, SentStatements statements) =>
        app.PostgreSqlConnectionString is { } postgres
            ? new PostgreSqlAppDbContext(new DbContextOptionsBuilder<PostgreSqlAppDbContext>().UseNpgsql(postgres).AddInterceptors(statements).Options)
            : new SqliteAppDbContext(new DbContextOptionsBuilder<SqliteAppDbContext>().UseSqlite($"Data Source={app.DatabasePath}").AddInterceptors(statements).Options);
}
