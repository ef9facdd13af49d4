using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace ReverseMentoring.Web.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class PairAgreementsAndGoals : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
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
                name: "IX_JournalEntries_AuthorUserId_CreatedAtUtc",
                table: "JournalEntries",
                columns: new[] { "AuthorUserId", "CreatedAtUtc" });

            migrationBuilder.CreateIndex(
                name: "IX_JournalEntries_SessionId",
                table: "JournalEntries",
                column: "SessionId");

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
                name: "IX_ProgressOnGoals_GoalId_SessionId",
                table: "ProgressOnGoals",
                columns: new[] { "GoalId", "SessionId" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_ProgressOnGoals_SessionId",
                table: "ProgressOnGoals",
                column: "SessionId");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "AgreementSignatures");

            migrationBuilder.DropTable(
                name: "AgreementTemplates");

            migrationBuilder.DropTable(
                name: "JournalEntries");

            migrationBuilder.DropTable(
                name: "ProgressOnGoals");

            migrationBuilder.DropTable(
                name: "PairAgreementVersions");

            migrationBuilder.DropTable(
                name: "PairGoals");

            migrationBuilder.DropTable(
                name: "PairAgreements");
        }
    }
}
