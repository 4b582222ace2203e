"""What the import commands tell the person running them: progress, counts, skipped rows."""

from collections import defaultdict

EXAMPLES_PER_REASON = 3


class Report:
    def __init__(self, stdout):
        self.stdout = stdout
        self.on_terminal = stdout.isatty()

    def progress(self, label):
        """A callback for save_foods: a \\r line on a terminal, a plain line per batch otherwise."""

        def show(done, total):
            text = f"  {label}: {done:,} of {total:,} foods"
            if self.on_terminal:
                self.stdout.write(f"\r{text}", ending="\n" if done == total else "")
                self.stdout.flush()
            else:
                self.stdout.write(text)

        return show

    def written(self, records, written):
        self.stdout.write(
            f"  {len(records):,} foods read: {written.created:,} created, {written.updated:,} updated, "
            f"{written.unchanged:,} unchanged; {written.portions_written:,} portions written, "
            f"{written.portions_deleted:,} removed."
        )

    def skipped(self, rejected):
        """Skipped rows grouped by reason, with the first few of each."""
        if not rejected:
            self.stdout.write("  No rows skipped.")
            return
        by_reason = defaultdict(list)
        for row in rejected:
            by_reason[row.reason].append(row)
        self.stdout.write(f"  Skipped {len(rejected):,} row{'' if len(rejected) == 1 else 's'}:")
        for reason, rows in sorted(by_reason.items(), key=lambda item: -len(item[1])):
            self.stdout.write(f"    {len(rows):,} x {reason}, e.g.")
            for row in rows[:EXAMPLES_PER_REASON]:
                self.stdout.write(f"      {row}")
