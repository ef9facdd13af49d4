using System.Security.Claims;
using Microsoft.EntityFrameworkCore;
using ReverseMentoring.Web.Data;
using ReverseMentoring.Web.Features.Pairing;

namespace ReverseMentoring.Tests.Pairing.Board;

/// <summary>A small program in matching with people written straight to the database, for the board's tests.</summary>
internal sealed class BoardTestKit(AppFactory app)
{
    public int ProgramId { get; private set; }

    public ClaimsPrincipal Coordinator { get; private set; } = null!;

    public int SkillA { get; private set; }

    public int SkillB { get; private set; }

    public static async Task<BoardTestKit> StartAsync(AppFactory app, Action<MentoringProgram>? change = null)
    {
        var kit = new BoardTestKit(app);
        kit.Coordinator = AppFactory.PrincipalFor(await app.CreateUserAsync(Roles.HrCoordinator), Roles.HrCoordinator);
        var today = DateOnly.FromDateTime(DateTime.UtcNow);
        var program = new MentoringProgram
        {
            Name = $"Board {Guid.NewGuid():N}",
            StartsOn = today.AddDays(10),
            EndsOn = today.AddDays(200),
            Formats = SessionFormats.InPerson | SessionFormats.Virtual,
            Status = ProgramStatus.Matching,
            CreatedAtUtc = DateTime.UtcNow,
        };
        change?.Invoke(program);
        var skillA = new Skill { Name = $"Skill A {Guid.NewGuid():N}" };
        var skillB = new Skill { Name = $"Skill B {Guid.NewGuid():N}" };
        await app.ExecuteDbContextAsync(async db =>
        {
            db.Programs.Add(program);
            db.Skills.AddRange(skillA, skillB);
            await db.SaveChangesAsync();
        });
        kit.ProgramId = program.Id;
        kit.SkillA = skillA.Id;
        kit.SkillB = skillB.Id;
        return kit;
    }

    /// <summary>An approved person free on Monday mornings in London, meeting virtually, with one skill.</summary>
    public async Task<int> PersonAsync(ParticipantRole role, int skillId, string name, EnrolmentStatus status = EnrolmentStatus.Approved)
    {
        var user = await app.CreateUserAsync(role == ParticipantRole.Mentor ? Roles.Mentor : Roles.Mentee, name: name);
        var enrolment = new Enrolment
        {
            ProgramId = ProgramId,
            UserId = user.Id,
            Role = role,
            Status = status,
            Department = role == ParticipantRole.Mentor ? "Engineering" : "Finance",
            JobLevel = "L3",
            Location = "London",
            TimeZoneId = "Europe/London",
            Formats = SessionFormats.Virtual,
            Interests = "jazz, hiking",
            CreatedAtUtc = DateTime.UtcNow,
            Skills = [new EnrolmentSkill { SkillId = skillId, Level = role == ParticipantRole.Mentor ? 5 : 1, Direction = role == ParticipantRole.Mentor ? SkillDirection.Teach : SkillDirection.Learn }],
            Availability = [new AvailabilitySlot { Day = DayOfWeek.Monday, Starts = new TimeOnly(9, 0), Ends = new TimeOnly(12, 0) }],
        };
        await app.ExecuteDbContextAsync(async db =>
        {
            db.Enrolments.Add(enrolment);
            await db.SaveChangesAsync();
        });
        return enrolment.Id;
    }

    public static string Unique(string prefix) => $"{prefix} {Guid.NewGuid().ToString("N")[..8]}";

    public Task AddPairAsync(int mentor, int mentee, PairStatus status) =>
        app.ExecuteDbContextAsync(async db =>
        {
            db.Pairs.Add(new Pair
            {
                ProgramId = ProgramId,
                MentorEnrolmentId = mentor,
                MenteeEnrolmentId = mentee,
                Status = status,
                MentorResponse = status == PairStatus.Accepted ? PairResponse.Accepted : PairResponse.Pending,
                MenteeResponse = status switch
                {
                    PairStatus.Accepted => PairResponse.Accepted,
                    PairStatus.Declined => PairResponse.Declined,
                    _ => PairResponse.Pending,
                },
                ProposedAtUtc = DateTime.UtcNow,
            });
            await db.SaveChangesAsync();
        });

    public Task<int> RunAsync() => app.SendAsync(new RunPairing.Command { ProgramId = ProgramId }, Coordinator);

    public async Task<(PairingRun Run, StoredRun Stored)> LatestRunAsync()
    {
        var run = await app.ExecuteDbContextAsync(db => db.PairingRuns.AsNoTracking().Where(r => r.ProgramId == ProgramId).OrderByDescending(r => r.Id).FirstAsync());
        return (run, StoredRun.FromJson(run.Result));
    }

    public static HashSet<(int Mentor, int Mentee)> PairsOf(StoredRun run) => run.Pairs.Select(p => (p.MentorId, p.MenteeId)).ToHashSet();

    public Task<Guid> VersionAsync() => app.ExecuteDbContextAsync(db => db.Programs.Where(p => p.Id == ProgramId).Select(p => p.Version).SingleAsync());

    public async Task<int> PublishAsync(int runId, Guid? version = null) =>
        await app.SendAsync(new PublishPairing.Command { ProgramId = ProgramId, RunId = runId, Version = version ?? await VersionAsync() }, Coordinator);

    public Task<List<Pair>> PairsAsync() => app.ExecuteDbContextAsync(db => db.Pairs.AsNoTracking().Where(p => p.ProgramId == ProgramId).ToListAsync());

    public Task<List<PairingRule>> RulesAsync() => app.ExecuteDbContextAsync(db => db.PairingRules.AsNoTracking().Where(r => r.ProgramId == ProgramId).ToListAsync());
}
