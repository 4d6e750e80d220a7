# SPDX-License-Identifier: GPL-2.0
# Lab records (docs/proc-format.md, "Lab records"): what the memory labs
# measured, for visualize replacement and thrashing. As root, with the
# zram swap the labs turn on; a lab's verdict does not matter here, its
# record does.
mkdir -p "$OUT/labs"
for lab in page-replacement thrashing; do
	OSEDU_LAB_RECORD=$OUT/labs "$lab" >/dev/null 2>&1 ||
		echo "record: $lab did not pass; its record is kept"
	[ -s "$OUT/labs/$lab.rec" ] || { echo "record: no $lab.rec"; exit 1; }
done
