using System.Globalization;
using Mediator;
using Microsoft.AspNetCore.Mvc.ModelBinding;
using Microsoft.EntityFrameworkCore;
using ReverseMentoring.Web.Data;
using ReverseMentoring.Web.Infrastructure;

namespace ReverseMentoring.Web.Features.Dashboard;

/// <summary>
/// Filters that name nothing in the data (a program id that does not exist, a department or job level nobody has, a
/// period with no data, a value that is not a date or a number): each is left out of the figures and explained next to
/// its field, so a pasted or edited link still shows a page (200) rather than an error. Export answers 400 with the
/// same messages, since a file cannot carry them.
/// </summary>
public static class FilterCheck
{
    public const string NoProgram = "No program with that id: choose one from the list.";
    public const string NoDepartment = "No department by that name: choose one from the list.";
    public const string NoJobLevel = "No job level by that name: choose one from the list.";
    public const string NotADate = "That is not a date: enter one as year-month-day, such as 2026-03-02.";

    /// <summary>The message for a period outside the data, naming the days the programs cover.</summary>
    public static string NoData(DateOnly first, DateOnly last) =>
        $"This period has no data: the programs run from {first.ToString("d MMM yyyy", CultureInfo.InvariantCulture)} to {last.ToString("d MMM yyyy", CultureInfo.InvariantCulture)}. Choose dates in that range.";

    public const string NoDataYet = "This period has no data: there are no programs yet.";

    [AllowedRoles(Roles.Leadership, Roles.HrCoordinator)]
    public sealed record Query(int? ProgramId, string? Department, string? JobLevel, DateOnly? From, DateOnly? To) : IQuery<IReadOnlyList<Problem>>;

    /// <summary>A filter to leave out (by its name in <see cref="UptakeDashboard.Query"/>) and why.</summary>
    public sealed record Problem(string Field, string Message);

    public sealed class Handler(AppDbContext db, TimeProvider clock) : IQueryHandler<Query, IReadOnlyList<Problem>>
    {
        public async ValueTask<IReadOnlyList<Problem>> Handle(Query query, CancellationToken cancellationToken)
        {
            var problems = new List<Problem>();
            if (query.ProgramId is { } programId && !await db.Programs.AnyAsync(p => p.Id == programId, cancellationToken))
            {
                problems.Add(new(nameof(Query.ProgramId), NoProgram));
            }

            // One indexed look-up each (Department, JobLevel), and none for a value longer than any stored one.
            if (Clean(query.Department) is { } department
                && (department.Length > Enrolment.TextMaxLength || !await db.Enrolments.AnyAsync(e => e.Department == department, cancellationToken)))
            {
                problems.Add(new(nameof(Query.Department), NoDepartment));
            }

            if (Clean(query.JobLevel) is { } jobLevel
                && (jobLevel.Length > Enrolment.TextMaxLength || !await db.Enrolments.AnyAsync(e => e.JobLevel == jobLevel, cancellationToken)))
            {
                problems.Add(new(nameof(Query.JobLevel), NoJobLevel));
            }

            if (query.From is null && query.To is null)
            {
                return problems;
            }

            // A handful of programs: their days are read and compared here.
            var days = await db.Programs.AsNoTracking()
                .Select(p => new { p.StartsOn, p.EnrolmentOpensOn, p.EndsOn })
                .ToListAsync(cancellationToken);
            var span = days.Count == 0 ? null : new
            {
                Starts = days.Min(d => d.StartsOn),
                Opens = days.Min(d => d.EnrolmentOpensOn),
                Ends = days.Max(d => d.EndsOn),
            };
            string Message() => span is null ? NoDataYet : NoData(First(span.Starts, span.Opens), span.Ends);

            // A date outside the days the app supports at all is left out on its own; the rest of the period may stand.
            var from = query.From;
            var to = query.To;
            if (!DateBounds.Supports(from))
            {
                problems.Add(new(nameof(Query.From), Message()));
                from = null;
            }

            if (!DateBounds.Supports(to))
            {
                problems.Add(new(nameof(Query.To), Message()));
                to = null;
            }

            if ((from is not null || to is not null) && (from is null || to is null || to >= from))
            {
                var period = UptakeDashboard.PeriodOf(new UptakeDashboard.Query { From = from, To = to }, DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime));
                if (span is null || period.To < First(span.Starts, span.Opens) || period.From > span.Ends)
                {
                    if (from is not null)
                    {
                        problems.Add(new(nameof(Query.From), Message()));
                    }

                    if (to is not null)
                    {
                        problems.Add(new(nameof(Query.To), Message()));
                    }
                }
            }

            return problems;
        }

        private static DateOnly First(DateOnly starts, DateOnly? opens) => opens is { } o && o < starts ? o : starts;
    }

    /// <summary>
    /// Checks the page's bound filter: values that could not be read (not a number, not a date) and filters that name
    /// nothing are cleared from <paramref name="filter"/> and explained in <paramref name="modelState"/> under
    /// "Filter.Field", where the filter form shows them. False when anything was left out.
    /// </summary>
    public static async Task<bool> ApplyAsync(
        IMediator mediator, ModelStateDictionary modelState, UptakeDashboard.Query filter, bool checkProgram, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(mediator);
        ArgumentNullException.ThrowIfNull(modelState);
        ArgumentNullException.ThrowIfNull(filter);

        var problems = new List<Problem>();
        foreach (var (field, message) in new[] { (nameof(Query.ProgramId), NoProgram), (nameof(Query.From), NotADate), (nameof(Query.To), NotADate) })
        {
            // The binder files a value it could not read under the field's own name (the query string has no prefix).
            var unreadable = false;
            foreach (var key in new[] { field, $"Filter.{field}" })
            {
                if (modelState.TryGetValue(key, out var entry) && entry.Errors.Count > 0)
                {
                    unreadable = true;
                    modelState.Remove(key);
                }
            }

            if (unreadable && (checkProgram || field != nameof(Query.ProgramId)))
            {
                problems.Add(new(field, message));
            }
        }

        problems.AddRange(await mediator.Send(
            new Query(checkProgram ? filter.ProgramId : null, filter.Department, filter.JobLevel, filter.From, filter.To), cancellationToken));
        foreach (var problem in problems.DistinctBy(p => p.Field))
        {
            switch (problem.Field)
            {
                case nameof(Query.ProgramId): filter.ProgramId = null; break;
                case nameof(Query.Department): filter.Department = null; break;
                case nameof(Query.JobLevel): filter.JobLevel = null; break;
                case nameof(Query.From): filter.From = null; break;
                case nameof(Query.To): filter.To = null; break;
            }

            modelState.AddModelError($"Filter.{problem.Field}", problem.Message);
        }

        return problems.Count == 0;
    }

    private static string? Clean(string? filter) => string.IsNullOrWhiteSpace(filter) ? null : filter.Trim();
}
