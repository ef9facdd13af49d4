using System.Globalization;
using Microsoft.EntityFrameworkCore;
using ReverseMentoring.Web.Data;

namespace ReverseMentoring.Web.Features.Dashboard;

/// <summary>Sessions held per ISO week and by program, and cadence adherence. The queries here are the reference the
/// day-fact figures (UptakeDashboard.FromFacts.cs) are tested against; the weeks are added up here for both.</summary>
public static partial class UptakeDashboard
{
    /// <summary>One ISO week (Monday to Sunday) of the period.</summary>
    public sealed record WeekRow(DateOnly Monday, Count Held)
    {
        public string IsoWeek => $"{ISOWeek.GetYear(Monday.ToDateTime(TimeOnly.MinValue))}-W{ISOWeek.GetWeekOfYear(Monday.ToDateTime(TimeOnly.MinValue)):00}";
    }

    public sealed record Adherence(Count Pairs, Count Meeting, Measure Percent);

    internal sealed record HeldOnDay(DateTime Day, int Held);

    internal sealed record CadenceCount(int ProgramId, int Pairs, int Meeting);

    /// <summary>Held sessions in the period, by day (added up into weeks in C#: no week function is common to both databases) and by program.</summary>
    internal static async Task<(List<HeldOnDay> ByDay, Dictionary<int, int> ByProgram)> HeldAsync(Scope scope, Period period, CancellationToken cancellationToken)
    {
        var (start, end) = (period.StartUtc, period.EndUtc);
        var held = scope.Sessions.Where(s => s.Status == SessionStatus.Held && s.StartsAtUtc >= start && s.StartsAtUtc < end);
        var heldByDay = await held.GroupBy(s => s.StartsAtUtc.Date).Select(g => new HeldOnDay(g.Key, g.Count()))
            .ToListAsync(cancellationToken);
        var heldByProgram = await held.GroupBy(s => s.ProgramId).Select(g => new { ProgramId = g.Key, Held = g.Count() })
            .ToDictionaryAsync(g => g.ProgramId, g => g.Held, cancellationToken);
        return (heldByDay, heldByProgram);
    }

    /// <summary>
    /// Cadence: a pair accepted at any time in the period meets it when its held sessions in the period reach the days
    /// it was active in the period divided by the program's cadence (rounded down, at least one).
    /// </summary>
    internal static Task<List<CadenceCount>> CadenceAsync(AppDbContext db, Scope scope, Period period, CancellationToken cancellationToken)
    {
        var (start, end) = (period.StartUtc, period.EndUtc);
        var (startDay, endDay) = (period.From.DayNumber, period.To.AddDays(1).DayNumber);
        return (
                from p in scope.Pairs.Started()
                where p.AcceptedAtUtc != null
                    && p.AcceptedAtUtc < end && (p.EndedAtUtc == null || p.EndedAtUtc >= start)
                join program in db.Programs on p.ProgramId equals program.Id
                let acceptedDay = DateOnly.FromDateTime(p.AcceptedAtUtc!.Value).DayNumber
                let endedDay = p.EndedAtUtc == null ? endDay : DateOnly.FromDateTime(p.EndedAtUtc.Value).DayNumber
                let activeDays = (endedDay < endDay ? endedDay : endDay) - (acceptedDay > startDay ? acceptedDay : startDay)
                let expected = activeDays / program.SessionCadenceDays
                // A group session the pair's mentee came to is a meeting of that pair too.
                let heldInPeriod = db.Sessions.Count(s => (s.PairId == p.Id || s.Attendance.Any(a => a.PairId == p.Id && a.Attended))
                    && s.Status == SessionStatus.Held && s.StartsAtUtc >= start && s.StartsAtUtc < end)
                select new { p.ProgramId, Meets = heldInPeriod >= (expected < 1 ? 1 : expected) })
            .GroupBy(p => p.ProgramId)
            .Select(g => new CadenceCount(g.Key, g.Count(), g.Count(p => p.Meets)))
            .ToListAsync(cancellationToken);
    }

    /// <summary>Every ISO week that overlaps the period, with the held sessions of its days inside the period.</summary>
    private static List<WeekRow> WeeksOf(Period period, IEnumerable<(DateOnly Day, int Held)> days)
    {
        var byDay = days.GroupBy(d => d.Day).ToDictionary(g => g.Key, g => g.Sum(d => d.Held));
        var weeks = new List<WeekRow>();
        var monday = period.From.AddDays(-(((int)period.From.DayOfWeek + 6) % 7));
        for (; monday <= period.To; monday = monday.AddDays(7))
        {
            var sum = 0;
            for (var day = monday; day < monday.AddDays(7); day = day.AddDays(1))
            {
                sum += byDay.GetValueOrDefault(day);
            }

            weeks.Add(new WeekRow(monday, Count.Of(sum, exact: true)));
        }

        return weeks;
    }
}
