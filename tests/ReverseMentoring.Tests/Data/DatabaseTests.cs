using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using ReverseMentoring.Web.Data;

namespace ReverseMentoring.Tests.Data;

public sealed class DatabaseTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("rm-db-").FullName;

    public void Dispose()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        Directory.Delete(_folder, recursive: true);
    }

    private SqliteAppDbContext NewSqlite(string name = "fresh.db") =>
        new(new DbContextOptionsBuilder<SqliteAppDbContext>().UseSqlite($"Data Source={Path.Combine(_folder, name)}").Options);

    [Fact]
    public async Task Sqlite_migrates_from_empty_and_the_migrations_match_the_model()
    {
        await using var db = NewSqlite();

        await Database.MigrateAsync(db, CancellationToken.None);

        Assert.Empty(await db.Database.GetPendingMigrationsAsync());
        Assert.Equal(db.Database.GetMigrations(), await db.Database.GetAppliedMigrationsAsync());
        Assert.False(db.Database.HasPendingModelChanges(), "The model changed without a SQLite migration: run dotnet ef migrations add.");
        Assert.Equal(0, await db.Programs.CountAsync());
    }

    [Fact]
    public async Task A_database_some_migrations_behind_is_brought_up_to_date_and_one_up_to_date_is_left_as_it_is()
    {
        var migrations = NewSqlite().Database.GetMigrations().ToList();
        await using (var behind = NewSqlite())
        {
            await behind.GetService<Microsoft.EntityFrameworkCore.Migrations.IMigrator>().MigrateAsync(migrations[^4]);
            Assert.Equal(3, (await behind.Database.GetPendingMigrationsAsync()).Count());
        }

        await using (var db = NewSqlite())
        {
            await Database.MigrateAsync(db, CancellationToken.None);
            Assert.Equal(migrations, await db.Database.GetAppliedMigrationsAsync());
            db.Programs.Add(new MentoringProgram { Name = "Kept", StartsOn = new DateOnly(2027, 1, 1), EndsOn = new DateOnly(2027, 6, 1), CreatedAtUtc = DateTime.UtcNow });
            await db.SaveChangesAsync();
        }

        await using (var again = NewSqlite())
        {
            await Database.MigrateAsync(again, CancellationToken.None);
            Assert.Equal(migrations, await again.Database.GetAppliedMigrationsAsync());
            Assert.Equal("Kept", (await again.Programs.SingleAsync()).Name);
            Assert.Equal("wal", await again.Database.SqlQueryRaw<string>("PRAGMA journal_mode").AsAsyncEnumerable().SingleAsync());
        }
    }

    [Fact]
    public void Sql_server_migrations_match_the_model()
    {
        using var db = new SqlServerDesignTimeFactory().CreateDbContext([]);

        Assert.NotEmpty(db.Database.GetMigrations());
        Assert.False(db.Database.HasPendingModelChanges(), "The model changed without a SQL Server migration: run dotnet ef migrations add.");
    }

    [Fact]
    public async Task A_second_editor_saving_a_stale_program_is_told_of_the_conflict()
    {
        await using (var setup = NewSqlite())
        {
            await Database.MigrateAsync(setup, CancellationToken.None);
            setup.Programs.Add(new MentoringProgram { Name = "Pilot", StartsOn = new DateOnly(2027, 1, 1), EndsOn = new DateOnly(2027, 6, 1), CreatedAtUtc = DateTime.UtcNow });
            await setup.SaveChangesAsync();
        }

        await using var first = NewSqlite();
        await using var second = NewSqlite();
        var mine = await first.Programs.SingleAsync();
        var theirs = await second.Programs.SingleAsync();

        mine.Name = "Pilot (first editor)";
        await first.SaveChangesAsync();
        theirs.Name = "Pilot (second editor)";

        await Assert.ThrowsAsync<DbUpdateConcurrencyException>(() => second.SaveChangesAsync());
        await using var check = NewSqlite();
        Assert.Equal("Pilot (first editor)", (await check.Programs.SingleAsync()).Name);
    }

    [Fact]
    public void A_relative_sqlite_file_lives_under_the_content_root()
    {
        var connection = Database.SqliteConnectionString("Data Source=App_Data/x.db", _folder);

        Assert.Contains(Path.Combine(_folder, "App_Data", "x.db"), connection, StringComparison.Ordinal);
        Assert.True(Directory.Exists(Path.Combine(_folder, "App_Data")));
    }
}
