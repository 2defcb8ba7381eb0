periods monthly from 2026-02-30 to 2026-13
let after_error = 1
