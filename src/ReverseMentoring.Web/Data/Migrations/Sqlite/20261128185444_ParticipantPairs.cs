using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace ReverseMentoring.Web.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class ParticipantPairs : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<bool>(
                name: "RequiredBeforeFirstSession",
                table: "Resources",
                type: "INTEGER",
                nullable: false,
                defaultValue: false);

            migrationBuilder.AddColumn<bool>(
                name: "AnonymousToHr",
                table: "CheckInQuestions",
                type: "INTEGER",
                nullable: false,
                defaultValue: false);

            migrationBuilder.CreateTable(
                name: "AgreementTemplates",
                columns: table => new
                {
                    ProgramId = table.Column<int>(type: "INTEGER", nullable: false),
                    GroundRules = table.Column<string>(type: "TEXT", maxLength: 4000, nullable: false),
                    Cadence = table.Column<string>(type: "TEXT", maxLength: 1000, nullable: false),
                    Cancelling = table.Column<string>(type: "TEXT", maxLength: 1000, nullable: false),
                    UpdatedAtUtc = table.Column<DateTime>(type: "TEXT", nullable: false),
                    UpdatedByUserId = table.Column<string>(type: "TEXT", maxLength: 450, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_AgreementTemplates", x => x.ProgramId);
                    table.ForeignKey(
                        name: "FK_AgreementTemplates_Programs_ProgramId",
                        column: x => x.ProgramId,
                        principalTable: "Programs",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "Concerns",
                columns: table => new
                {
                    Id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    PairId = table.Column<int>(type: "INTEGER", nullable: false),
                    ProgramId = table.Column<int>(type: "INTEGER", nullable: false),
                    RaisedByUserId = table.Column<string>(type: "TEXT", maxLength: 450, nullable: false),
                    Category = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false),
                    Text = table.Column<string>(type: "TEXT", maxLength: 4000, nullable: false),
                    MayActOpenly = table.Column<bool>(type: "INTEGER", nullable: false),
                    RaisedAtUtc = table.Column<DateTime>(type: "TEXT", nullable: false),
                    ResolvedAtUtc = table.Column<DateTime>(type: "TEXT", nullable: true),
                    ResolvedByUserId = table.Column<string>(type: "TEXT", maxLength: 450, nullable: true),
                    ResolutionNote = table.Column<string>(type: "TEXT", maxLength: 2000, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_Concerns", x => x.Id);
                    table.ForeignKey(
                        name: "FK_Concerns_Pairs_PairId",
                        column: x => x.PairId,
                        principalTable: "Pairs",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "JournalEntries",
                columns: table => new
                {
                    Id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    AuthorUserId = table.Column<string>(type: "TEXT", maxLength: 450, nullable: false),
                    SessionId = table.Column<int>(type: "INTEGER", nullable: true),
                    Learned = table.Column<string>(type: "TEXT", maxLength: 4000, nullable: false),
                    WillTry = table.Column<string>(type: "TEXT", maxLength: 4000, nullable: false),
                    Thoughts = table.Column<string>(type: "TEXT", maxLength: 4000, nullable: false),
                    CreatedAtUtc = table.Column<DateTime>(type: "TEXT", nullable: false),
                    UpdatedAtUtc = table.Column<DateTime>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_JournalEntries", x => x.Id);
                    table.ForeignKey(
                        name: "FK_JournalEntries_AspNetUsers_AuthorUserId",
                        column: x => x.AuthorUserId,
                        principalTable: "AspNetUsers",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "FK_JournalEntries_Sessions_SessionId",
                        column: x => x.SessionId,
                        principalTable: "Sessions",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.SetNull);
                });

            migrationBuilder.CreateTable(
                name: "PairAgreements",
                columns: table => new
                {
                    Id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    PairId = table.Column<int>(type: "INTEGER", nullable: false),
                    ProgramId = table.Column<int>(type: "INTEGER", nullable: false),
                    Stamp = table.Column<Guid>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_PairAgreements", x => x.Id);
                    table.ForeignKey(
                        name: "FK_PairAgreements_Pairs_PairId",
                        column: x => x.PairId,
                        principalTable: "Pairs",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_PairAgreements_Programs_ProgramId",
                        column: x => x.ProgramId,
                        principalTable: "Programs",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "PairGoals",
                columns: table => new
                {
                    Id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    PairId = table.Column<int>(type: "INTEGER", nullable: false),
                    ProgramId = table.Column<int>(type: "INTEGER", nullable: false),
                    OwnerUserId = table.Column<string>(type: "TEXT", maxLength: 450, nullable: false),
                    OwnerSide = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false),
                    Title = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    ProgramTopicId = table.Column<int>(type: "INTEGER", nullable: true),
                    Status = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false),
                    Notes = table.Column<string>(type: "TEXT", maxLength: 2000, nullable: false),
                    CreatedAtUtc = table.Column<DateTime>(type: "TEXT", nullable: false),
                    UpdatedAtUtc = table.Column<DateTime>(type: "TEXT", nullable: false),
                    Version = table.Column<Guid>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_PairGoals", x => x.Id);
                    table.ForeignKey(
                        name: "FK_PairGoals_Pairs_PairId",
                        column: x => x.PairId,
                        principalTable: "Pairs",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_PairGoals_ProgramTopics_ProgramTopicId",
                        column: x => x.ProgramTopicId,
                        principalTable: "ProgramTopics",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.SetNull);
                    table.ForeignKey(
                        name: "FK_PairGoals_Programs_ProgramId",
                        column: x => x.ProgramId,
                        principalTable: "Programs",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "PairMessages",
                columns: table => new
                {
                    Id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    PairId = table.Column<int>(type: "INTEGER", nullable: false),
                    ProgramId = table.Column<int>(type: "INTEGER", nullable: false),
                    AuthorUserId = table.Column<string>(type: "TEXT", maxLength: 450, nullable: false),
                    ReplyToId = table.Column<int>(type: "INTEGER", nullable: true),
                    Text = table.Column<string>(type: "TEXT", maxLength: 4000, nullable: false),
                    SentAtUtc = table.Column<DateTime>(type: "TEXT", nullable: false),
                    AttachmentFileName = table.Column<string>(type: "TEXT", maxLength: 255, nullable: true),
                    AttachmentContentType = table.Column<string>(type: "TEXT", maxLength: 200, nullable: true),
                    AttachmentSizeBytes = table.Column<long>(type: "INTEGER", nullable: true),
                    AttachmentStoredName = table.Column<string>(type: "TEXT", maxLength: 64, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_PairMessages", x => x.Id);
                    table.ForeignKey(
                        name: "FK_PairMessages_PairMessages_ReplyToId",
                        column: x => x.ReplyToId,
                        principalTable: "PairMessages",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_PairMessages_Pairs_PairId",
                        column: x => x.PairId,
                        principalTable: "Pairs",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "PairReadMarkers",
                columns: table => new
                {
                    PairId = table.Column<int>(type: "INTEGER", nullable: false),
                    UserId = table.Column<string>(type: "TEXT", maxLength: 450, nullable: false),
                    LastReadAtUtc = table.Column<DateTime>(type: "TEXT", nullable: false),
                    LastEmailedAtUtc = table.Column<DateTime>(type: "TEXT", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_PairReadMarkers", x => new { x.PairId, x.UserId });
                    table.ForeignKey(
                        name: "FK_PairReadMarkers_Pairs_PairId",
                        column: x => x.PairId,
                        principalTable: "Pairs",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "ResourceCompletions",
                columns: table => new
                {
                    Id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    ProgramId = table.Column<int>(type: "INTEGER", nullable: false),
                    ResourceId = table.Column<int>(type: "INTEGER", nullable: false),
                    UserId = table.Column<string>(type: "TEXT", maxLength: 450, nullable: false),
                    CompletedOn = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    RecordedAtUtc = table.Column<DateTime>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_ResourceCompletions", x => x.Id);
                    table.ForeignKey(
                        name: "FK_ResourceCompletions_AspNetUsers_UserId",
                        column: x => x.UserId,
                        principalTable: "AspNetUsers",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_ResourceCompletions_Resources_ResourceId",
                        column: x => x.ResourceId,
                        principalTable: "Resources",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "PairAgreementVersions",
                columns: table => new
                {
                    Id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    AgreementId = table.Column<int>(type: "INTEGER", nullable: false),
                    Number = table.Column<int>(type: "INTEGER", nullable: false),
                    GroundRules = table.Column<string>(type: "TEXT", maxLength: 4000, nullable: false),
                    Cadence = table.Column<string>(type: "TEXT", maxLength: 1000, nullable: false),
                    Cancelling = table.Column<string>(type: "TEXT", maxLength: 1000, nullable: false),
                    MentorLearns = table.Column<string>(type: "TEXT", maxLength: 1000, nullable: false),
                    MentorTeaches = table.Column<string>(type: "TEXT", maxLength: 1000, nullable: false),
                    MenteeLearns = table.Column<string>(type: "TEXT", maxLength: 1000, nullable: false),
                    MenteeTeaches = table.Column<string>(type: "TEXT", maxLength: 1000, nullable: false),
                    ProposedByUserId = table.Column<string>(type: "TEXT", maxLength: 450, nullable: false),
                    ProposedBySide = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false),
                    ProposedAtUtc = table.Column<DateTime>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_PairAgreementVersions", x => x.Id);
                    table.ForeignKey(
                        name: "FK_PairAgreementVersions_PairAgreements_AgreementId",
                        column: x => x.AgreementId,
                        principalTable: "PairAgreements",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "ProgressOnGoals",
                columns: table => new
                {
                    Id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    GoalId = table.Column<int>(type: "INTEGER", nullable: false),
                    SessionId = table.Column<int>(type: "INTEGER", nullable: false),
                    ByUserId = table.Column<string>(type: "TEXT", maxLength: 450, nullable: false),
                    Note = table.Column<string>(type: "TEXT", maxLength: 500, nullable: false),
                    RecordedAtUtc = table.Column<DateTime>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_ProgressOnGoals", x => x.Id);
                    table.ForeignKey(
                        name: "FK_ProgressOnGoals_PairGoals_GoalId",
                        column: x => x.GoalId,
                        principalTable: "PairGoals",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "FK_ProgressOnGoals_Sessions_SessionId",
                        column: x => x.SessionId,
                        principalTable: "Sessions",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "MessageReports",
                columns: table => new
                {
                    Id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    MessageId = table.Column<int>(type: "INTEGER", nullable: false),
                    PairId = table.Column<int>(type: "INTEGER", nullable: false),
                    ProgramId = table.Column<int>(type: "INTEGER", nullable: false),
                    ReportedByUserId = table.Column<string>(type: "TEXT", maxLength: 450, nullable: false),
                    Reason = table.Column<string>(type: "TEXT", maxLength: 1000, nullable: true),
                    ReportedAtUtc = table.Column<DateTime>(type: "TEXT", nullable: false),
                    HandledAtUtc = table.Column<DateTime>(type: "TEXT", nullable: true),
                    HandledByUserId = table.Column<string>(type: "TEXT", maxLength: 450, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_MessageReports", x => x.Id);
                    table.ForeignKey(
                        name: "FK_MessageReports_PairMessages_MessageId",
                        column: x => x.MessageId,
                        principalTable: "PairMessages",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "AgreementSignatures",
                columns: table => new
                {
                    Id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    VersionId = table.Column<int>(type: "INTEGER", nullable: false),
                    Side = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false),
                    UserId = table.Column<string>(type: "TEXT", maxLength: 450, nullable: false),
                    SignedAtUtc = table.Column<DateTime>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_AgreementSignatures", x => x.Id);
                    table.ForeignKey(
                        name: "FK_AgreementSignatures_PairAgreementVersions_VersionId",
                        column: x => x.VersionId,
                        principalTable: "PairAgreementVersions",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "IX_AgreementSignatures_VersionId_Side",
                table: "AgreementSignatures",
                columns: new[] { "VersionId", "Side" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_Concerns_PairId_ResolvedAtUtc",
                table: "Concerns",
                columns: new[] { "PairId", "ResolvedAtUtc" });

            migrationBuilder.CreateIndex(
                name: "IX_Concerns_ProgramId",
                table: "Concerns",
                column: "ProgramId");

            migrationBuilder.CreateIndex(
                name: "IX_JournalEntries_AuthorUserId_CreatedAtUtc",
                table: "JournalEntries",
                columns: new[] { "AuthorUserId", "CreatedAtUtc" });

            migrationBuilder.CreateIndex(
                name: "IX_JournalEntries_SessionId",
                table: "JournalEntries",
                column: "SessionId");

            migrationBuilder.CreateIndex(
                name: "IX_MessageReports_MessageId_ReportedByUserId",
                table: "MessageReports",
                columns: new[] { "MessageId", "ReportedByUserId" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_MessageReports_PairId",
                table: "MessageReports",
                column: "PairId");

            migrationBuilder.CreateIndex(
                name: "IX_PairAgreements_PairId",
                table: "PairAgreements",
                column: "PairId",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_PairAgreements_ProgramId",
                table: "PairAgreements",
                column: "ProgramId");

            migrationBuilder.CreateIndex(
                name: "IX_PairAgreementVersions_AgreementId_Number",
                table: "PairAgreementVersions",
                columns: new[] { "AgreementId", "Number" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_PairGoals_OwnerUserId",
                table: "PairGoals",
                column: "OwnerUserId");

            migrationBuilder.CreateIndex(
                name: "IX_PairGoals_PairId",
                table: "PairGoals",
                column: "PairId");

            migrationBuilder.CreateIndex(
                name: "IX_PairGoals_ProgramId",
                table: "PairGoals",
                column: "ProgramId");

            migrationBuilder.CreateIndex(
                name: "IX_PairGoals_ProgramTopicId",
                table: "PairGoals",
                column: "ProgramTopicId");

            migrationBuilder.CreateIndex(
                name: "IX_PairMessages_PairId_SentAtUtc",
                table: "PairMessages",
                columns: new[] { "PairId", "SentAtUtc" });

            migrationBuilder.CreateIndex(
                name: "IX_PairMessages_ProgramId",
                table: "PairMessages",
                column: "ProgramId");

            migrationBuilder.CreateIndex(
                name: "IX_PairMessages_ReplyToId",
                table: "PairMessages",
                column: "ReplyToId");

            migrationBuilder.CreateIndex(
                name: "IX_PairReadMarkers_UserId",
                table: "PairReadMarkers",
                column: "UserId");

            migrationBuilder.CreateIndex(
                name: "IX_ProgressOnGoals_GoalId_SessionId",
                table: "ProgressOnGoals",
                columns: new[] { "GoalId", "SessionId" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_ProgressOnGoals_SessionId",
                table: "ProgressOnGoals",
                column: "SessionId");

            migrationBuilder.CreateIndex(
                name: "IX_ResourceCompletions_ProgramId_UserId",
                table: "ResourceCompletions",
                columns: new[] { "ProgramId", "UserId" });

            migrationBuilder.CreateIndex(
                name: "IX_ResourceCompletions_ResourceId_UserId",
                table: "ResourceCompletions",
                columns: new[] { "ResourceId", "UserId" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_ResourceCompletions_UserId",
                table: "ResourceCompletions",
                column: "UserId");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "AgreementSignatures");

            migrationBuilder.DropTable(
                name: "AgreementTemplates");

            migrationBuilder.DropTable(
                name: "Concerns");

            migrationBuilder.DropTable(
                name: "JournalEntries");

            migrationBuilder.DropTable(
                name: "MessageReports");

            migrationBuilder.DropTable(
                name: "PairReadMarkers");

            migrationBuilder.DropTable(
                name: "ProgressOnGoals");

            migrationBuilder.DropTable(
                name: "ResourceCompletions");

            migrationBuilder.DropTable(
                name: "PairAgreementVersions");

            migrationBuilder.DropTable(
                name: "PairMessages");

            migrationBuilder.DropTable(
                name: "PairGoals");

            migrationBuilder.DropTable(
                name: "PairAgreements");

            migrationBuilder.DropColumn(
                name: "RequiredBeforeFirstSession",
                table: "Resources");

            migrationBuilder.DropColumn(
                name: "AnonymousToHr",
                table: "CheckInQuestions");
        }
    }
}
