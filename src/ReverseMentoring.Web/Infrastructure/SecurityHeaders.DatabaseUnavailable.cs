using Microsoft.Data.SqlClient;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore.Storage;
using Npgsql;

namespace ReverseMentoring.Web.Infrastructure;

/// <summary>
/// An unreachable database is an outage, not a bug: in every environment it becomes a 503 with the friendly
/// "we can't reach the database" page (shown by the status-code pages) instead of a stack trace. Nothing is kept
/// between requests, so the app recovers by itself as soon as the database answers again. Other exceptions pass on
/// to the developer page or the error handler.
/// </summary>
public sealed class DatabaseUnavailable(RequestDelegate next, ILogger<DatabaseUnavailable> logger)
{
    public const int RetryAfterSeconds = 60;

    // SQLite: busy, locked, I/O error, full, cannot open, not a database.
    private static readonly HashSet<int> SqliteOutageCodes = [5, 6, 10, 13, 14, 26];

    // SQL Server: timeout, network and login-to-database failures, database unavailable or paused (Azure SQL).
    private static readonly HashSet<int> SqlServerOutageNumbers = [-2, 2, 53, 121, 233, 4060, 10053, 10054, 10060, 10061, 40197, 40501, 40613, 42108, 42109];

    // PostgreSQL: connection failures (class 08), the server shutting down or starting up, too many connections, the
    // database not there (renamed or being restored: SQL Server's 4060).
    private static readonly HashSet<string> PostgreSqlOutageStates = ["57P01", "57P02", "57P03", "53300", "3D000"];

    public async Task InvokeAsync(HttpContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        try
        {
            await next(context);
        }
        catch (Exception exception) when (IsOutage(exception) && !context.Response.HasStarted)
        {
            logger.LogError(exception, "The database could not be reached while handling {Method} {Path}.", context.Request.Method, context.Request.Path);
            context.Response.Clear();
            context.Response.StatusCode = StatusCodes.Status503ServiceUnavailable;
            context.Response.Headers.RetryAfter = RetryAfterSeconds.ToString(System.Globalization.CultureInfo.InvariantCulture);
        }
    }

    /// <summary>True when the exception, or one it wraps, says the database could not be reached (not that a query was wrong).</summary>
    public static bool IsOutage(Exception? exception)
    {
        for (var current = exception; current is not null; current = current.InnerException)
        {
            switch (current)
            {
                case SqliteException sqlite when SqliteOutageCodes.Contains(sqlite.SqliteErrorCode):
                case SqlException sql when SqlServerOutageNumbers.Contains(sql.Number):
                case PostgresException postgres when postgres.SqlState.StartsWith("08", StringComparison.Ordinal) || PostgreSqlOutageStates.Contains(postgres.SqlState):
                case NpgsqlException npgsql when npgsql is not PostgresException && npgsql.IsTransient:
                case RetryLimitExceededException:
                    return true;
            }
        }

        return false;
    }
}
