using System.Collections.Concurrent;
using System.Globalization;
using System.Net;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using ReverseMentoring.Web.Data;

namespace ReverseMentoring.Tests.Security;

/// <summary>
/// The real app as a separate process over a SQLite file: killed while programs (each a program row, its topic rows
/// and their audit rows, in one transaction) are being created, then started again on the same file.
/// </summary>
[Trait("Category", "Crash")]
public sealed class CrashSafetyTests : IDisposable
{
    private const int TopicsPerProgram = 3;
    private const int Writers = 3;
    private const int SuccessesBeforeKill = 12;

    private readonly DirectoryInfo _folder = Directory.CreateTempSubdirectory("rm-crash-");

    private string DatabasePath => Path.Combine(_folder.FullName, "crash.db");

    [Fact]
    public async Task Killing_the_app_mid_write_loses_no_committed_program_and_leaves_none_half_saved()
    {
        var saved = new ConcurrentBag<string>();
        var unknown = new ConcurrentBag<string>();
        await using (var app = AppProcess.OnSqlite("app", _folder.FullName, DatabasePath))
        {
            await app.StartAsync();
            using var client = app.Client(new CookieContainer());
            await app.SignInAsync(client);
            var token = await client.TokenAsync("/Programs/Create");
            var enoughSaved = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);

            var writers = Enumerable.Range(0, Writers).Select(writer => Task.Run(async () =>
            {
                for (var i = 0; ; i++)
                {
                    var name = string.Create(CultureInfo.InvariantCulture, $"Crash {writer}-{i:0000}");
                    try
                    {
                        var response = await CreateProgramAsync(client, token, name);
                        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
                        saved.Add(name);
                        if (saved.Count >= SuccessesBeforeKill)
                        {
                            enoughSaved.TrySetResult();
                        }
                    }
                    catch (HttpRequestException)
                    {
                        // The process died with this write in flight: it may or may not have committed.
                        unknown.Add(name);
                        return;
                    }
                }
            })).ToList();

            await enoughSaved.Task.WaitAsync(TimeSpan.FromSeconds(90));
            app.Kill();
            await Task.WhenAll(writers).WaitAsync(TimeSpan.FromSeconds(30));

            // Started again on the same file, where the killed one left it.
            await app.StartAsync();
            using var again = app.Client(new CookieContainer());
            await app.SignInAsync(again);
            var after = await CreateProgramAsync(again, await again.TokenAsync("/Programs/Create"), "Crash after restart");
            Assert.Equal(HttpStatusCode.Redirect, after.StatusCode);
        }

        await using var db = OpenDatabase();
        var programs = await db.Programs.AsNoTracking().Include(p => p.Topics).Where(p => p.Name.StartsWith("Crash ")).ToListAsync();
        var audits = await db.AuditEntries.AsNoTracking().Where(a => a.Action == "Added" && (a.Entity == nameof(MentoringProgram) || a.Entity == nameof(ProgramTopic))).ToListAsync();
        var audited = audits.Select(a => (a.Entity, a.EntityId)).ToHashSet();

        Assert.Equal(Writers, unknown.Count);
        Assert.All(saved, name => Assert.Single(programs, p => p.Name == name));
        Assert.All(programs, program =>
        {
            Assert.True(saved.Contains(program.Name) || unknown.Contains(program.Name) || program.Name == "Crash after restart", $"{program.Name} was never written");
            Assert.Equal(Enumerable.Range(1, TopicsPerProgram).Select(n => $"Topic {n} of {program.Name}"), program.Topics.OrderBy(t => t.SortOrder).Select(t => t.Title));
            Assert.Contains((nameof(MentoringProgram), program.Id.ToString(CultureInfo.InvariantCulture)), audited);
            Assert.All(program.Topics, topic => Assert.Contains((nameof(ProgramTopic), topic.Id.ToString(CultureInfo.InvariantCulture)), audited));
        });
        var programIds = programs.Select(p => p.Id.ToString(CultureInfo.InvariantCulture)).ToHashSet();
        var orphanedTopics = await db.ProgramTopics.AsNoTracking().CountAsync(t => !db.Programs.Any(p => p.Id == t.ProgramId));
        Assert.Equal(0, orphanedTopics);
        Assert.All(audits.Where(a => a.Entity == nameof(MentoringProgram)), a => Assert.Contains(a.EntityId, programIds));
        Assert.Equal("ok", await IntegrityCheckAsync());
    }

    private static async Task<HttpResponseMessage> CreateProgramAsync(HttpClient client, string token, string name)
    {
        var fields = TestData.ProgramFormFields(name, "Proves that a program is saved whole or not at all.",
            Enumerable.Range(1, TopicsPerProgram).Select(n => $"Topic {n} of {name}").ToList());
        fields["__RequestVerificationToken"] = token;
        using var content = new FormUrlEncodedContent(fields);
        return await client.PostAsync(new Uri("/Programs/Create", UriKind.Relative), content);
    }

    private SqliteAppDbContext OpenDatabase() =>
        new(new DbContextOptionsBuilder<SqliteAppDbContext>().UseSqlite($"Data Source={DatabasePath};Pooling=False").Options);

    private async Task<string?> IntegrityCheckAsync()
    {
        await using var connection = new SqliteConnection($"Data Source={DatabasePath};Pooling=False");
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = "PRAGMA integrity_check;";
        return (string?)await command.ExecuteScalarAsync();
    }

    public void Dispose()
    {
        SqliteConnection.ClearAllPools();
        try
        {
            _folder.Delete(recursive: true);
        }
        catch (IOException)
        {
            // Left for the OS temp cleaner.
        }
    }
}
