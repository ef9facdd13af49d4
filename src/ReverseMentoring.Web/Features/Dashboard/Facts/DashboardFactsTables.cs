using Microsoft.EntityFrameworkCore;

namespace ReverseMentoring.Web.Features.Dashboard.Facts;

/// <summary>The stored facts of one program-day, packed by <see cref="DayFactsPacking"/>.</summary>
public sealed class DashboardDay
{
    public int ProgramId { get; set; }
    public DateOnly Day { get; set; }
    public byte[] Facts { get; set; } = [];
    public DateTime FoldedAtUtc { get; set; }
}

/// <summary>
/// A program-day whose stored facts may be behind its rows. Only ever inserted (by the save that changed the rows) and
/// deleted (by the fold that worked the day out again), so concurrent writers never conflict over it.
/// </summary>
public sealed class DashboardStaleDay
{
    public long Id { get; set; }
    public int ProgramId { get; set; }
    public DateOnly Day { get; set; }
}

/// <summary>
/// What version of the dashboard's inputs a program is at. <see cref="Facts"/> goes up with every fold that rewrites a
/// day of the program; <see cref="Lookups"/> holds the lookup changes already compacted into it (the rest are still rows
/// of <see cref="DashboardLookupChange"/>), so the lookups version is this plus those rows.
/// </summary>
public sealed class DashboardVersion
{
    public int ProgramId { get; set; }
    public long Facts { get; set; }
    public long Lookups { get; set; }
}

/// <summary>
/// One change of a program's pairs, enrolments, groups, invitations or settings, inserted by the save that made it.
/// Append-only, so two saves of the same program at once never conflict and neither bump is lost.
/// </summary>
public sealed class DashboardLookupChange
{
    public long Id { get; set; }
    public int ProgramId { get; set; }
}

/// <summary>A pair whose health facts may have moved, and when; kept for a day.</summary>
public sealed class DashboardPairChange
{
    public long Id { get; set; }
    public int ProgramId { get; set; }
    public int PairId { get; set; }
    public DateTime ChangedAtUtc { get; set; }
}

/// <summary>The one row saying the facts were built in full once (after an upgrade, until then reads build from rows).</summary>
public sealed class DashboardFactsState
{
    public int Id { get; set; }
    public DateTime? RebuiltAtUtc { get; set; }
}

public static class DashboardFactsModel
{
    public static void ConfigureDashboardFacts(this ModelBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.Entity<DashboardDay>(day =>
        {
            day.ToTable("DashboardDays");
            day.HasKey(d => new { d.ProgramId, d.Day });
            day.HasOne<MentoringProgram>().WithMany().HasForeignKey(d => d.ProgramId).OnDelete(DeleteBehavior.Cascade);
        });

        builder.Entity<DashboardStaleDay>(stale =>
        {
            stale.ToTable("DashboardStaleDays");
            stale.HasIndex(s => s.ProgramId);

            // A key to the program lets a marker of a program saved in the same change get the program's real id.
            stale.HasOne<MentoringProgram>().WithMany().HasForeignKey(s => s.ProgramId).OnDelete(DeleteBehavior.Cascade);
        });

        builder.Entity<DashboardVersion>(version =>
        {
            version.ToTable("DashboardVersions");
            version.HasKey(v => v.ProgramId);
            version.Property(v => v.ProgramId).ValueGeneratedNever();
            version.HasOne<MentoringProgram>().WithMany().HasForeignKey(v => v.ProgramId).OnDelete(DeleteBehavior.Cascade);
        });

        builder.Entity<DashboardLookupChange>(change =>
        {
            change.ToTable("DashboardLookupChanges");
            change.HasIndex(c => c.ProgramId);
            change.HasOne<MentoringProgram>().WithMany().HasForeignKey(c => c.ProgramId).OnDelete(DeleteBehavior.Cascade);
        });

        builder.Entity<DashboardPairChange>(change =>
        {
            change.ToTable("DashboardPairChanges");
            change.HasIndex(c => c.ChangedAtUtc);
            change.HasIndex(c => new { c.ProgramId, c.Id });
            change.HasOne<Pair>().WithMany().HasForeignKey(c => c.PairId).OnDelete(DeleteBehavior.Cascade);
        });

        builder.Entity<DashboardFactsState>(state =>
        {
            state.ToTable("DashboardFactsState");
            state.Property(s => s.Id).ValueGeneratedNever();
        });
    }
}
