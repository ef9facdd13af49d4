using System.Security.Claims;
using Microsoft.EntityFrameworkCore;
using ReverseMentoring.Web.Data;
using ReverseMentoring.Web.Features.Programs;
using ReverseMentoring.Web.Infrastructure;

namespace ReverseMentoring.Tests.Programs;

/// <summary>Shortcuts the program tests share: a valid program, a coordinator, enrolments in a given state.</summary>
internal static class ProgramTestKit
{
    public static DateOnly Today => DateOnly.FromDateTime(DateTime.UtcNow);

    public static string UniqueName(string prefix = "Program") => $"{prefix} {Guid.NewGuid():N}";

    public static CreateProgram.Command ValidProgram(string? name = null) => new()
    {
        Name = name ?? UniqueName(),
        Objectives = "Digital literacy for the leadership team.",
        StartsOn = Today.AddDays(30),
        EndsOn = Today.AddDays(210),
        EnrolmentOpensOn = Today,
        EnrolmentClosesOn = Today.AddDays(20),
        SessionCadenceDays = 14,
        SessionMinutes = 45,
        ExpectedSessions = 8,
        Formats = [SessionFormats.InPerson, SessionFormats.Virtual],
        MentorCapacity = 1,
        Topics = [new TopicRow { Title = "AI at work", SuggestedActivities = "Try an assistant on a real task together." }],
    };

    public static async Task<ClaimsPrincipal> CoordinatorAsync(this AppFactory app) =>
        AppFactory.PrincipalFor(await app.CreateUserAsync(Roles.HrCoordinator), Roles.HrCoordinator);

    public static async Task<int> CreateProgramAsync(this AppFactory app, ClaimsPrincipal coordinator, Action<CreateProgram.Command>? change = null)
    {
        var command = ValidProgram();
        change?.Invoke(command);
        return await app.SendAsync(command, coordinator);
    }

    public static Task<MentoringProgram> ProgramAsync(this AppFactory app, int id) =>
        app.ExecuteDbContextAsync(db => db.Programs.AsNoTracking().Include(p => p.Topics).SingleAsync(p => p.Id == id));

    /// <summary>Puts the program straight into a status, for tests about what happens from there.</summary>
    public static Task SetStatusAsync(this AppFactory app, int id, ProgramStatus status) =>
        app.ExecuteDbContextAsync(async db =>
        {
            var program = await db.Programs.SingleAsync(p => p.Id == id);
            program.Status = status;
            await db.SaveChangesAsync();
        });

    public static async Task EnrolAsync(this AppFactory app, int programId, ParticipantRole role, EnrolmentStatus status)
    {
        var user = await app.CreateUserAsync(role == ParticipantRole.Mentor ? Roles.Mentor : Roles.Mentee);
        await app.ExecuteDbContextAsync(async db =>
        {
            db.Enrolments.Add(new Enrolment
            {
                ProgramId = programId,
                UserId = user.Id,
                Role = role,
                Status = status,
                Department = "Marketing",
                JobLevel = "L3",
                Location = "London",
                Formats = SessionFormats.Virtual,
                CreatedAtUtc = DateTime.UtcNow,
            });
            await db.SaveChangesAsync();
        });
    }

    /// <summary>The message a refused request gave for one field ("" for the form as a whole).</summary>
    public static async Task<string?> RefusalAsync(Func<Task> send, string field)
    {
        var refused = await Assert.ThrowsAsync<RequestValidationException>(send);
        return refused.Failures.FirstOrDefault(f => f.PropertyName == field)?.ErrorMessage;
    }

    /// <summary>Every program the list shows, all pages of it.</summary>
    public static async Task<List<ListPrograms.Row>> ListedAsync(this AppFactory app, ClaimsPrincipal coordinator, bool archived)
    {
        var rows = new List<ListPrograms.Row>();
        for (var page = 1; ; page++)
        {
            var result = await app.SendAsync(new ListPrograms.Query(page, archived), coordinator);
            rows.AddRange(result.Programs);
            if (page >= result.PageCount)
            {
                return rows;
            }
        }
    }

    public static Task<Guid> VersionAsync(this AppFactory app, int id) =>
        app.ExecuteDbContextAsync(db => db.Programs.Where(p => p.Id == id).Select(p => p.Version).SingleAsync());
}
