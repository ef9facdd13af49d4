using Microsoft.EntityFrameworkCore;
using ReverseMentoring.Web.Data;

namespace ReverseMentoring.Tests.Data;

/// <summary>Filtering by a short list of ids gives the rows a Contains gives, and asks for a list of one as an equality.</summary>
public sealed class IdListsTests : IAsyncLifetime
{
    private readonly string _folder = Directory.CreateTempSubdirectory("rm-ids-").FullName;
    private List<int> _ids = [];

    public async Task InitializeAsync()
    {
        await using var db = NewSqlite();
        await Database.MigrateAsync(db, CancellationToken.None);
        for (var i = 0; i < 5; i++)
        {
            db.Programs.Add(new MentoringProgram { Name = $"Program {i}", StartsOn = new DateOnly(2027, 1, 1), EndsOn = new DateOnly(2027, 6, 1), CreatedAtUtc = DateTime.UtcNow });
        }

        await db.SaveChangesAsync();
        _ids = await db.Programs.OrderBy(p => p.Id).Select(p => p.Id).ToListAsync();
    }

    public Task DisposeAsync()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        Directory.Delete(_folder, recursive: true);
        return Task.CompletedTask;
    }

    public static TheoryData<int[]> Lists => new() { Array.Empty<int>(), new[] { 1 }, new[] { 0, 2, 4 }, new[] { 3, 3 }, new[] { 4, -1 } };

    [Theory]
    [MemberData(nameof(Lists))]
    public async Task The_rows_are_those_a_contains_gives(int[] positions)
    {
        // Positions into the stored ids; -1 names an id nothing has.
        var wanted = positions.Select(i => i < 0 ? _ids.Max() + 100 : _ids[i]).ToList();
        await using var db = NewSqlite();

        var filtered = await db.Programs.WhereIdIn(p => p.Id, wanted).OrderBy(p => p.Id).Select(p => p.Name).ToListAsync();
        var contained = await db.Programs.Where(p => wanted.Contains(p.Id)).OrderBy(p => p.Id).Select(p => p.Name).ToListAsync();

        Assert.Equal(contained, filtered);
        Assert.Equal(wanted.Where(_ids.Contains).Distinct().Count(), filtered.Count);
    }

    [Fact]
    public async Task A_list_of_one_is_asked_as_an_equality_with_a_parameter()
    {
        await using var db = NewSqlite();

        var one = db.Programs.WhereIdIn(p => p.Id, [_ids[1]]).ToQueryString();
        var two = db.Programs.WhereIdIn(p => p.Id, [_ids[1], _ids[2]]).ToQueryString();

        Assert.Contains("\"p\".\"Id\" = @", one, StringComparison.Ordinal);
        Assert.DoesNotContain(" IN (", one, StringComparison.Ordinal);
        Assert.Contains(" IN (", two, StringComparison.Ordinal);
        // Never the value written into the SQL: that would compile a query per person.
        Assert.DoesNotContain($"= {_ids[1]}", one, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Each_shape_is_compiled_once_whoever_asks()
    {
        // The ids are read through a captured field, so they are parameters: a new person's ids reuse the compiled query.
        var compilations = 0;
        await using var db = new SqliteAppDbContext(new DbContextOptionsBuilder<SqliteAppDbContext>()
            .UseSqlite($"Data Source={Path.Combine(_folder, "ids.db")}")
            .LogTo(_ => Interlocked.Increment(ref compilations), [Microsoft.EntityFrameworkCore.Diagnostics.CoreEventId.QueryCompilationStarting])
            .Options);

        foreach (var id in _ids)
        {
            Assert.Single(await db.Programs.WhereIdIn(p => p.Id, [id]).ToListAsync());
        }

        var afterOnes = compilations;
        for (var i = 0; i + 1 < _ids.Count; i++)
        {
            Assert.Equal(2, (await db.Programs.WhereIdIn(p => p.Id, [_ids[i], _ids[i + 1]]).ToListAsync()).Count);
        }

        // At most once per shape (none when another test compiled it already), never once per person.
        Assert.InRange(afterOnes, 0, 1);
        Assert.InRange(compilations - afterOnes, 0, 1);
    }

    private SqliteAppDbContext NewSqlite() =>
        new(new DbContextOptionsBuilder<SqliteAppDbContext>().UseSqlite($"Data Source={Path.Combine(_folder, "ids.db")}").Options);
}
