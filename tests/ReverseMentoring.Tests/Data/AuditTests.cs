using System.Text.Json;
using Mediator;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using ReverseMentoring.Web.Data;

namespace ReverseMentoring.Tests.Data;

public sealed class AuditTests(AppFactory app) : IClassFixture<AppFactory>
{
    [Fact]
    public async Task Adding_and_changing_a_program_is_recorded_with_who_and_before_and_after()
    {
        var coordinator = await app.CreateUserAsync(Roles.HrCoordinator);
        var program = new MentoringProgram { Name = "Audited pilot", StartsOn = new DateOnly(2027, 1, 1), EndsOn = new DateOnly(2027, 6, 1), CreatedAtUtc = DateTime.UtcNow };

        await app.RunAsAsync(AppFactory.PrincipalFor(coordinator, Roles.HrCoordinator), async services =>
        {
            var db = services.GetRequiredService<AppDbContext>();
            db.Programs.Add(program);
            await db.SaveChangesAsync();
            program.Name = "Audited pilot, renamed";
            program.Matching.MinimumScorePercent = 40;
            await db.SaveChangesAsync();
        });

        var entries = await app.ExecuteDbContextAsync(db => db.AuditEntries
            .Where(a => a.Entity == nameof(MentoringProgram) && a.EntityId == program.Id.ToString(System.Globalization.CultureInfo.InvariantCulture))
            .OrderBy(a => a.Id).ToListAsync());

        Assert.Equal(["Added", "Modified"], entries.Select(e => e.Action));
        Assert.All(entries, e => Assert.Equal(coordinator.Id, e.UserId));
        Assert.All(entries, e => Assert.Equal(coordinator.Email, e.UserName));
        using var modified = JsonDocument.Parse(entries[1].Changes);
        Assert.Equal("Audited pilot", modified.RootElement.GetProperty("Name").GetProperty("Before").GetString());
        Assert.Equal("Audited pilot, renamed", modified.RootElement.GetProperty("Name").GetProperty("After").GetString());
        Assert.Equal(40, modified.RootElement.GetProperty("Matching.MinimumScorePercent").GetProperty("After").GetInt32());
        Assert.False(modified.RootElement.TryGetProperty("StartsOn", out _), "Unchanged values are not repeated.");
    }

    [Fact]
    public async Task The_starter_skill_catalogue_is_seeded_once()
    {
        var names = await app.ExecuteDbContextAsync(db => db.Skills.Select(s => s.Name).ToListAsync());

        Assert.Equal(StartupData.StarterSkills.Count, names.Count);
        Assert.Contains("AI tools", names);
        Assert.Contains("Generational insight", names);
    }
}
