using Microsoft.EntityFrameworkCore;
using ReverseMentoring.Web.Data;

namespace ReverseMentoring.Tests.Data;

/// <summary>
/// A long list of ids (a job's or a page's over a whole program) is sent as one parameter however long it is: one
/// parameter per id, EF Core 10's default, fails past 32,766 ids on SQLite and 65,535 on PostgreSQL.
/// </summary>
public sealed class LongIdListsTests(AppFactory app) : IClassFixture<AppFactory>
{
    [Theory]
    [InlineData(IdLists.LongFrom - 1)]
    [InlineData(70_000)]
    public async Task A_list_of_any_length_gives_the_rows_it_names(int length)
    {
        var programs = new[] { await app.ProgramAsync(), await app.ProgramAsync(), await app.ProgramAsync() };
        var named = programs.Select(p => p.Id).ToHashSet();
        var largest = programs.Max(p => p.Id);
        // Three ids are the programs'; the others name nothing.
        List<int> ids = [.. named, .. Enumerable.Range(largest + 1, length - named.Count)];

        var (found, sql) = await app.ExecuteDbContextAsync(async db => (
            await db.Programs.AsNoTracking().WhereIdIn(p => p.Id, ids).Select(p => p.Id).ToListAsync(),
            db.Programs.WhereIdIn(p => p.Id, ids).Select(p => p.Id).ToQueryString()));

        Assert.Equal(named.Order(), found.Order());
        if (length >= IdLists.LongFrom)
        {
            // The statement without the parameters' values (which the query string lists first): no parameter per id.
            var statement = string.Join('\n', sql.Split('\n').Where(line => !line.StartsWith(".param", StringComparison.Ordinal) && !line.StartsWith("--", StringComparison.Ordinal)));
            Assert.True(statement.Length < 10_000, $"the statement names a parameter per id ({statement.Length} characters)");
        }
    }
}
