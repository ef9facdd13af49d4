using System.Globalization;
using Mediator;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using ReverseMentoring.Web.Data;
using ReverseMentoring.Web.Features.Shared;
using ReverseMentoring.Web.Infrastructure;

namespace ReverseMentoring.Web.Features.SelfService;

[Authorize(Policy = PagePolicies.Participants)]
public sealed class BrowseMentorsModel(IMediator mediator) : PageModel
{
    [FromRoute]
    public int ProgramId { get; set; }

    [FromQuery(Name = "skill")]
    public int? SkillId { get; set; }

    [FromQuery(Name = "format")]
    public SessionFormats? Format { get; set; }

    [FromQuery(Name = "gap")]
    public int? MaxGapHours { get; set; }

    [FromQuery(Name = "free")]
    public bool CommonFreeTime { get; set; }

    [FromQuery(Name = "page")]
    public int PageNumber { get; set; } = 1;

    public BrowseMentors.Result Data { get; private set; } = null!;

    public async Task OnGetAsync(CancellationToken cancellationToken) =>
        Data = await mediator.Send(new BrowseMentors.Query(ProgramId, SkillId, Format, MaxGapHours, CommonFreeTime, PageNumber), cancellationToken);
}

/// <summary>
/// A mentee of a self-service program browses the mentors they may ask, best fit first with the more taken mentors a
/// little further down, filtered by skill, format, time-zone gap and common free time.
/// </summary>
public static class BrowseMentors
{
    public const int PageSize = 10;

    [AllowedRoles(Roles.Mentor, Roles.Mentee)]
    public sealed record Query(int ProgramId, int? SkillId = null, SessionFormats? Format = null, int? MaxGapHours = null, bool CommonFreeTime = false, int Page = 1)
        : IQuery<Result>;

    public sealed record SkillOption(int Id, string Name);

    public sealed record Result(
        int ProgramId, string ProgramName, string? Refusal, IReadOnlyList<MentorCard> Mentors, int Page, int PageCount, int Total,
        IReadOnlyList<SkillOption> Skills, int OpenRequests, int MaxRequests, string KeepQuery);

    public sealed class Handler(AppDbContext db, CurrentUser current, TimeProvider clock) : IQueryHandler<Query, Result>
    {
        public async ValueTask<Result> Handle(Query query, CancellationToken cancellationToken)
        {
            var userId = current.RequireId();
            var program = await db.Programs.AsNoTracking().SingleOrDefaultAsync(p => p.Id == query.ProgramId && p.ArchivedAtUtc == null, cancellationToken)
                ?? throw new NotFoundException();
            var enrolment = await db.Enrolments.AsNoTracking().SingleOrDefaultAsync(e => e.ProgramId == program.Id && e.UserId == userId, cancellationToken)
                ?? throw new NotFoundException();
            var paired = await SelfServiceMatching.IsPairedAsync(db, enrolment.Id, cancellationToken);
            var refusal = SelfServiceMatching.MenteeRefusal(program, enrolment, paired);
            var keep = KeepQuery(query);
            if (refusal is not null)
            {
                return new Result(program.Id, program.Name, refusal, [], 1, 1, 0, [], 0, program.Matching.MaxMentorRequests, keep);
            }

            var now = clock.GetUtcNow().UtcDateTime;
            var shown = (await SelfServiceMatching.MentorsForAsync(db, program, enrolment.Id, now, cancellationToken))
                .Where(m => m.Hidden is null)
                .ToList();
            var skills = await db.Skills.AsNoTracking().OrderBy(s => s.Name).Select(s => new SkillOption(s.Id, s.Name)).ToListAsync(cancellationToken);
            var taught = shown.SelectMany(m => m.SkillIds).ToHashSet();
            var filtered = shown
                .Where(m => query.SkillId is not { } skill || m.SkillIds.Contains(skill))
                .Where(m => query.Format is not { } format || format == SessionFormats.None || (m.Formats & format) == format)
                .Where(m => query.MaxGapHours is not { } gap || m.TimeZoneGapHours <= gap)
                .Where(m => !query.CommonFreeTime || m.CommonFreeTime)
                .ToList();
            var pageCount = Math.Max(1, (filtered.Count + PageSize - 1) / PageSize);
            var page = Math.Clamp(query.Page, 1, pageCount);
            var open = await db.MentorRequests.CountAsync(r => r.MenteeEnrolmentId == enrolment.Id && MentorRequest.OpenStates.Contains(r.State), cancellationToken);
            return new Result(
                program.Id, program.Name, null, filtered.Skip((page - 1) * PageSize).Take(PageSize).ToList(), page, pageCount, filtered.Count,
                skills.Where(s => taught.Contains(s.Id)).ToList(), open, program.Matching.MaxMentorRequests, keep);
        }
    }

    private static string KeepQuery(Query query)
    {
        var parts = new List<string>();
        if (query.SkillId is { } skill)
        {
            parts.Add(string.Create(CultureInfo.InvariantCulture, $"skill={skill}"));
        }

        if (query.Format is { } format)
        {
            parts.Add($"format={format}");
        }

        if (query.MaxGapHours is { } gap)
        {
            parts.Add(string.Create(CultureInfo.InvariantCulture, $"gap={gap}"));
        }

        if (query.CommonFreeTime)
        {
            parts.Add("free=true");
        }

        return string.Join('&', parts);
    }
}
