using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace ReverseMentoring.Web.Data;

public enum DatabaseProvider
{
    Sqlite,
    SqlServer,
    PostgreSql,
}

public sealed class DatabaseOptions
{
    public const string Section = "Database";
    public const string DefaultSqliteConnection = "Data Source=App_Data/reverse-mentoring.db";

    public DatabaseProvider Provider { get; set; } = DatabaseProvider.Sqlite;

    /// <summary>For SQLite a relative Data Source is resolved against the app's content root.</summary>
    public string? ConnectionString { get; set; }

    /// <summary>Development applies migrations at start-up; production runs the explicit <c>migrate</c> command.</summary>
    public bool MigrateOnStartup { get; set; }
}

public static class Database
{
    /// <summary>
    /// A failure to reach the server is tried again after about 0, 1 and 3 seconds: a server restart of a few seconds is
    /// ridden out, a longer outage answers the friendly 503 (and /health Unhealthy) within about 5 seconds. The
    /// providers' default, 6 tries up to 30 seconds apart, held every request and health probe for about a minute.
    /// </summary>
    public const int RetryCount = 3;

    public static readonly TimeSpan RetryDelayAtMost = TimeSpan.FromSeconds(5);

    public static IServiceCollection AddAppDatabase(this IServiceCollection services, IConfiguration configuration, string contentRoot)
    {
        var options = configuration.GetSection(DatabaseOptions.Section).Get<DatabaseOptions>() ?? new DatabaseOptions();
        services.AddSingleton(options);
        services.AddScoped<AuditInterceptor>();
        services.AddScoped<Features.Dashboard.Facts.DashboardFactsInterceptor>();
        services.AddSingleton<RoleHolderChanges>();
        services.AddSingleton<PersonChangesInterceptor>();

        switch (options.Provider)
        {
            case DatabaseProvider.Sqlite:
                var sqlite = SqliteConnectionString(options.ConnectionString, contentRoot);
                services.AddSingleton(_ => new DatabaseChanges(sqlite));

                services.AddDbContext<AppDbContext, SqliteAppDbContext>((provider, db) => db.UseSqlite(sqlite).AddInterceptors(
                    provider.GetRequiredService<AuditInterceptor>(), provider.GetRequiredService<Features.Dashboard.Facts.DashboardFactsInterceptor>(),
                        provider.GetRequiredService<RoleHolderChanges>(), provider.GetRequiredService<PersonChangesInterceptor>()));
                break;
            case DatabaseProvider.SqlServer:
                if (string.IsNullOrWhiteSpace(options.ConnectionString))
                {
                    throw new InvalidOperationException("Database:ConnectionString is required when Database:Provider is SqlServer.");
                }

                services.AddDbContext<AppDbContext, SqlServerAppDbContext>((provider, db) => db
                    .UseSqlServer(options.ConnectionString, sql => sql.EnableRetryOnFailure(RetryCount, RetryDelayAtMost, null))
                    .AddInterceptors(provider.GetRequiredService<AuditInterceptor>(), provider.GetRequiredService<Features.Dashboard.Facts.DashboardFactsInterceptor>(),
                        provider.GetRequiredService<RoleHolderChanges>(), provider.GetRequiredService<PersonChangesInterceptor>()));
                break;
            case DatabaseProvider.PostgreSql:
                if (string.IsNullOrWhiteSpace(options.ConnectionString))
                {
                    throw new InvalidOperationException("Database:ConnectionString is required when Database:Provider is PostgreSql.");
                }

                services.AddDbContext<AppDbContext, PostgreSqlAppDbContext>((provider, db) => db
                    .UseNpgsql(options.ConnectionString, npgsql => npgsql.EnableRetryOnFailure(RetryCount, RetryDelayAtMost, null))
                    .AddInterceptors(provider.GetRequiredService<AuditInterceptor>(), provider.GetRequiredService<Features.Dashboard.Facts.DashboardFactsInterceptor>(),
                        provider.GetRequiredService<RoleHolderChanges>(), provider.GetRequiredService<PersonChangesInterceptor>()));
                break;
            default:
                throw new InvalidOperationException($"Unknown Database:Provider '{options.Provider}'. Use Sqlite, SqlServer or PostgreSql.");
        }

        services.TryAddSingleton(_ => new DatabaseChanges(null));
        return services;
    }

    /// <summary>Resolves a relative SQLite file against the content root and makes sure its folder exists.</summary>
    public static string SqliteConnectionString(string? configured, string contentRoot)
    {
        var builder = new SqliteConnectionStringBuilder(string.IsNullOrWhiteSpace(configured) ? DatabaseOptions.DefaultSqliteConnection : configured);
        if (!string.IsNullOrEmpty(builder.DataSource) && builder.DataSource != ":memory:" && !Path.IsPathRooted(builder.DataSource))
        {
            builder.DataSource = Path.GetFullPath(Path.Combine(contentRoot, builder.DataSource));
        }

        var folder = Path.GetDirectoryName(builder.DataSource);
        if (!string.IsNullOrEmpty(folder))
        {
            Directory.CreateDirectory(folder);
        }

        // Writers wait for each other rather than failing at once with "database is locked".
        builder.DefaultTimeout = 30;
        return builder.ToString();
    }

    /// <summary>Applies pending migrations; for SQLite also turns on write-ahead logging so readers do not block the writer.</summary>
    public static async Task MigrateAsync(AppDbContext db, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);

        // With nothing pending there is nothing to apply, and Migrate would still compare the whole model with the last
        // migration's snapshot: a tenth of a second or more at every start, while the migration tests (Data/DatabaseTests)
        // already fail when the model changed without a migration.
        if ((await db.Database.GetPendingMigrationsAsync(cancellationToken)).Any())
        {
            await db.Database.MigrateAsync(cancellationToken);
        }

        if (db.Database.IsSqlite())
        {
            await db.Database.ExecuteSqlRawAsync("PRAGMA journal_mode=WAL;", cancellationToken);
        }
    }
}

/// <summary>Lets <c>dotnet ef</c> build the SQLite model without starting the app.</summary>
public sealed class SqliteDesignTimeFactory : IDesignTimeDbContextFactory<SqliteAppDbContext>
{
    public SqliteAppDbContext CreateDbContext(string[] args) =>
        new(new DbContextOptionsBuilder<SqliteAppDbContext>().UseSqlite("Data Source=design-time.db").Options);
}

/// <summary>Lets <c>dotnet ef</c> build the SQL Server model and scripts with no server present.</summary>
public sealed class SqlServerDesignTimeFactory : IDesignTimeDbContextFactory<SqlServerAppDbContext>
{
    public SqlServerAppDbContext CreateDbContext(string[] args) =>
        new(new DbContextOptionsBuilder<SqlServerAppDbContext>()
            .UseSqlServer("Server=localhost;Database=ReverseMentoring;Trusted_Connection=True;TrustServerCertificate=True").Options);
}

/// <summary>Lets <c>dotnet ef</c> build the PostgreSQL model and scripts with no server present.</summary>
public sealed class PostgreSqlDesignTimeFactory : IDesignTimeDbContextFactory<PostgreSqlAppDbContext>
{
    public PostgreSqlAppDbContext CreateDbContext(string[] args) =>
        new(new DbContextOptionsBuilder<PostgreSqlAppDbContext>().UseNpgsql("Host=localhost;Database=reverse_mentoring").Options);
}
