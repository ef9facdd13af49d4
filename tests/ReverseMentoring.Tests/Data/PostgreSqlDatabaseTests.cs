using Microsoft.EntityFrameworkCore;
using ReverseMentoring.Web.Data;

namespace ReverseMentoring.Tests.Data;

public sealed class PostgreSqlDatabaseTests
{
    private static PostgreSqlAppDbContext Open(string connectionString) =>
        new(new DbContextOptionsBuilder<PostgreSqlAppDbContext>().UseNpgsql(connectionString).Options);

    [Fact]
    public void PostgreSql_migrations_match_the_model()
    {
        using var db = new PostgreSqlDesignTimeFactory().CreateDbContext([]);

        Assert.NotEmpty(db.Database.GetMigrations());
        Assert.False(db.Database.HasPendingModelChanges(), "The model changed without a PostgreSQL migration: run dotnet ef migrations add.");
    }

    [PostgreSqlFact]
    public async Task PostgreSql_migrates_from_empty()
    {
        var connectionString = PostgreSqlTestServer.CreateEmptyDatabase();
        try
        {
            await using var db = Open(connectionString);

            await Database.MigrateAsync(db, CancellationToken.None);

            Assert.Empty(await db.Database.GetPendingMigrationsAsync());
            Assert.Equal(db.Database.GetMigrations(), await db.Database.GetAppliedMigrationsAsync());
            Assert.Equal(0, await db.Programs.CountAsync());
        }
        finally
        {
            PostgreSqlTestServer.DropDatabase(connectionString);
        }
    }

    [PostgreSqlFact]
    public async Task A_second_editor_saving_a_stale_program_on_postgresql_is_told_of_the_conflict()
    {
        var connectionString = PostgreSqlTestServer.CreateDatabase();
        try
        {
            await using (var setup = Open(connectionString))
            {
                setup.Programs.Add(new MentoringProgram { Name = "Pilot", StartsOn = new DateOnly(2027, 1, 1), EndsOn = new DateOnly(2027, 6, 1), CreatedAtUtc = DateTime.UtcNow });
                await setup.SaveChangesAsync();
            }

            await using var first = Open(connectionString);
            await using var second = Open(connectionString);
            var mine = await first.Programs.SingleAsync();
            var theirs = await second.Programs.SingleAsync();

            mine.Name = "Pilot (first editor)";
            await first.SaveChangesAsync();
            theirs.Name = "Pilot (second editor)";

            await Assert.ThrowsAsync<DbUpdateConcurrencyException>(() => second.SaveChangesAsync());
            await using var check = Open(connectionString);
            Assert.Equal("Pilot (first editor)", (await check.Programs.SingleAsync()).Name);
        }
        finally
        {
            PostgreSqlTestServer.DropDatabase(connectionString);
        }
    }
}
