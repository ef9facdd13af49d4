using Microsoft.EntityFrameworkCore;

namespace ReverseMentoring.Web.Data;

/// <summary>
/// The pilot's two-way learning record: the juniors' growth areas and their ratings, the seniors' half-way skill ratings
/// for pairs past half way, and the seniors' ratings of their mentors for most ended pairs.
/// </summary>
internal sealed partial class DemoData
{
    private async Task AddPilotStagesAsync(MentoringProgram program, DateTime now, CancellationToken cancellationToken)
    {
        var areas = GrowthArea.DefaultsFor(program.Id);
        db.GrowthAreas.AddRange(areas);
        await db.SaveChangesAsync(cancellationToken);

        var pairs = await db.Pairs.AsNoTracking().Where(p => p.ProgramId == program.Id && p.AcceptedAtUtc != null)
            .OrderBy(p => p.Id).ToListAsync(cancellationToken);
        var starts = await db.SkillRatings.AsNoTracking()
            .Where(r => r.ProgramId == program.Id && r.Stage == SkillRatingStage.Start && r.Role == ParticipantRole.Mentee)
            .ToListAsync(cancellationToken);
        var stages = pairs.ToDictionary(p => p.Id, p => new SkillStages(p.Status, p.AcceptedAtUtc, program.EndsOn, program.Status));

        // Everyone past half way was asked on the same day (the reminder's), so the ratings share a month.
        var midpoints = stages.Values.Select(s => s.MidpointUtc).OfType<DateTime>().ToList();
        var midRated = midpoints.Count == 0 ? now : midpoints.Max().AddDays(2);
        for (var i = 0; i < pairs.Count; i++)
        {
            var pair = pairs[i];
            var stage = stages[pair.Id];
            var accepted = pair.AcceptedAtUtc!.Value;
            var pastHalfWay = stage.MidpointUtc is { } mid && midRated <= now && (pair.EndedAtUtc is null || pair.EndedAtUtc > mid);

            // One pair in ten has not given its half-way rating yet: the to-do list and the reminder ask for it.
            var ratesMid = pastHalfWay && i % 10 != 3;
            if (ratesMid)
            {
                foreach (var start in starts.Where(r => r.PairId == pair.Id))
                {
                    db.SkillRatings.Add(new SkillRating
                    {
                        ProgramId = program.Id, PairId = pair.Id, EnrolmentId = start.EnrolmentId, Role = ParticipantRole.Mentee, SkillId = start.SkillId,
                        Stage = SkillRatingStage.Mid, Level = Math.Min(5, start.Level + 1), RatedAtUtc = midRated,
                    });
                }
            }

            for (var a = 0; a < areas.Count; a++)
            {
                var before = 1 + ((i + a) % 3);
                db.GrowthRatings.Add(new GrowthRating
                {
                    ProgramId = program.Id, PairId = pair.Id, EnrolmentId = pair.MentorEnrolmentId, GrowthAreaId = areas[a].Id,
                    Stage = SkillRatingStage.Start, Level = before, RatedAtUtc = accepted.AddDays(1),
                });
                if (ratesMid)
                {
                    db.GrowthRatings.Add(new GrowthRating
                    {
                        ProgramId = program.Id, PairId = pair.Id, EnrolmentId = pair.MentorEnrolmentId, GrowthAreaId = areas[a].Id,
                        Stage = SkillRatingStage.Mid, Level = Math.Min(5, before + 1), RatedAtUtc = midRated,
                    });
                }

                if (pair.Status == PairStatus.Ended)
                {
                    db.GrowthRatings.Add(new GrowthRating
                    {
                        ProgramId = program.Id, PairId = pair.Id, EnrolmentId = pair.MentorEnrolmentId, GrowthAreaId = areas[a].Id,
                        Stage = SkillRatingStage.End, Level = Math.Min(5, before + 2), RatedAtUtc = pair.EndedAtUtc!.Value,
                    });
                }
            }

            // Most seniors of ended pairs rate their mentor; the traits are optional, so one is left out now and then.
            if (pair.Status == PairStatus.Ended && i % 4 != 1)
            {
                db.LeadershipTraitRatings.Add(new LeadershipTraitRating
                {
                    ProgramId = program.Id, PairId = pair.Id, MentorEnrolmentId = pair.MentorEnrolmentId, MenteeEnrolmentId = pair.MenteeEnrolmentId,
                    Coaching = 3 + (i % 3), Clarity = 4, Patience = i % 2 == 0 ? 5 : null, Initiative = 3 + (i % 2),
                    Comment = pair.Ending == PairEnding.Completed ? "Patient, well prepared, and pushed me to try things myself." : null,
                    RatedAtUtc = pair.EndedAtUtc!.Value.AddDays(1),
                });
            }
        }

        await db.SaveChangesAsync(cancellationToken);
    }
}
