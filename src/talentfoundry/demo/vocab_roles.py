"""Role families: titles, skill pools, duties and CV material per sector.

WHY a family table: a realistic fair needs titles, skills and job-ad prose that agree with each
other. Keeping them together per family (one row = one kind of job) means an "Analog Layout
Engineer" never asks for Solidity, and a candidate aiming at that job declares and writes about
layout skills.

Skill names are canonical (``"PyTorch"``, ``"SystemVerilog"``, ``"UVM"``): the matching engine and
the tests rely on exact spellings. CV phrases (``objects``, ``projects``) mostly avoid skill names;
where one slips in (a "Machine Learning Lab"), the generator adds it to the declared skills.
"""

from __future__ import annotations

from dataclasses import dataclass

__all__ = ["FAMILIES", "GENERIC_SKILLS", "SECTOR_FAMILIES", "RoleFamily", "all_skills"]


@dataclass(frozen=True, slots=True)
class RoleFamily:
    """One kind of job, with everything needed to write an ad for it and a CV aiming at it."""

    key: str
    sector: str  # "ai" | "microelectronics" | "life_health_tech" | "fintech" | "robotics" | "any"
    titles: tuple[str, ...]  # base titles (mid level); seniority words are added by the generator
    required: tuple[str, ...]  # pool of must-have skills, most central first
    nice: tuple[str, ...]  # pool of nice-to-have skills (disjoint from ``required``)
    duties: tuple[str, ...]  # "you will ..." phrases, lower case, no final full stop
    teams: tuple[str, ...]  # "Our ... team ..." sentences
    programmes: tuple[str, ...]  # study programmes that lead into this job
    focus: tuple[str, ...]  # noun phrases for CV summaries ("applied machine learning")
    objects: tuple[str, ...]  # things a person in this job builds or runs (CV bullets)
    projects: tuple[tuple[str, str], ...]  # (project name, what it did) for CV PROJECTS
    metrics: tuple[str, ...]  # what improves when the work is good
    labs: tuple[str, ...]  # research-lab names for students' research-assistant posts
    interns: bool = True  # whether the family has internships (regulatory affairs rarely does)


F = RoleFamily

FAMILIES: tuple[RoleFamily, ...] = (
    # ------------------------------------------------------------------ AI
    F(
        key="ml_engineer",
        sector="ai",
        titles=("Machine Learning Engineer", "ML Engineer", "Applied Machine Learning Engineer"),
        required=(
            "Python",
            "PyTorch",
            "Machine Learning",
            "SQL",
            "Docker",
            "NumPy",
            "scikit-learn",
        ),
        nice=("TensorFlow", "Kubernetes", "ONNX", "Ray", "AWS", "Triton Inference Server", "Spark"),
        duties=(
            "design, train and evaluate models that go into production",
            "turn research prototypes into reliable, monitored services",
            "build feature pipelines and offline evaluation suites",
            "work with product engineers to define metrics that matter to users",
            "profile and speed up training and inference",
            "review code and share what you learn with the team",
        ),
        teams=(
            "Our applied AI team ships models that run in front of real customers every day.",
            "The machine learning platform group owns everything from data to deployed model.",
            "You will join a small team of engineers and scientists who put models into products.",
        ),
        programmes=(
            "Computer Science",
            "Electrical Engineering",
            "Data Science",
            "Applied Mathematics",
        ),
        focus=("applied machine learning", "production ML systems", "model training at scale"),
        objects=(
            "a demand-forecasting model for spare parts",
            "an anomaly detector for factory sensor data",
            "the offline evaluation harness for ranking models",
            "a feature store for customer-behaviour signals",
            "a model-serving service handling thousands of requests per second",
            "a retraining pipeline triggered by data drift",
        ),
        projects=(
            ("Wafer-map classifier", "a classifier for defect patterns on public wafer-map data"),
            ("Course recommender", "a recommender that suggests electives from past enrolments"),
            ("Energy forecaster", "a short-term forecaster for campus electricity use"),
        ),
        metrics=("inference latency", "prediction error", "training time", "false alarms"),
        labs=("Machine Learning Lab", "Intelligent Systems Lab", "Data Mining Lab"),
    ),
    F(
        key="mlops",
        sector="ai",
        titles=(
            "MLOps Engineer",
            "Machine Learning Platform Engineer",
            "ML Infrastructure Engineer",
        ),
        required=("Python", "Kubernetes", "Docker", "MLflow", "Terraform", "Linux", "CI/CD"),
        nice=("Kubeflow", "Airflow", "AWS", "GCP", "Prometheus", "Go", "Argo CD"),
        duties=(
            "run the platform our scientists use to train, track and deploy models",
            "automate model release, rollback and monitoring",
            "keep GPU clusters busy, healthy and affordable",
            "define good practice for reproducible experiments",
            "be on a fair, well-supported on-call rotation",
        ),
        teams=(
            "Our ML platform team keeps dozens of models healthy in production.",
            "The infrastructure group gives every data scientist a one-click path to production.",
        ),
        programmes=("Computer Science", "Computer Engineering", "Information Management"),
        focus=("ML infrastructure", "model deployment and monitoring", "platform engineering"),
        objects=(
            "a model registry with automated promotion rules",
            "GPU scheduling for shared training clusters",
            "canary releases for model-serving endpoints",
            "drift and data-quality dashboards",
            "self-service templates for training jobs",
        ),
        projects=(
            ("Tiny model zoo", "a reproducible pipeline that trains, tags and serves small models"),
            ("Cluster cost report", "a weekly report of GPU hours per team with alerts on waste"),
        ),
        metrics=("deployment time", "cluster cost", "failed releases", "time to recover"),
        labs=("Cloud Systems Lab", "Distributed Computing Lab"),
    ),
    F(
        key="data_scientist",
        sector="ai",
        titles=("Data Scientist", "Applied Data Scientist", "Product Data Scientist"),
        required=("Python", "SQL", "Statistics", "pandas", "scikit-learn", "A/B Testing"),
        nice=("R", "Tableau", "Spark", "XGBoost", "Bayesian Modelling", "dbt", "Causal Inference"),
        duties=(
            "frame business questions as analyses and experiments",
            "build models that explain and predict customer behaviour",
            "design and read A/B tests with product managers",
            "present findings clearly to engineers and executives",
            "own key metrics and the data behind them",
        ),
        teams=(
            "Our data science team sits with product and engineering and shapes what we build "
            "next.",
            "You will join an analytics group that turns raw events into decisions.",
        ),
        programmes=(
            "Statistics",
            "Data Science",
            "Applied Mathematics",
            "Economics",
            "Computer Science",
        ),
        focus=("experiment design", "predictive modelling", "product analytics"),
        objects=(
            "a churn model for subscription customers",
            "the experiment framework for pricing tests",
            "a customer-segmentation study",
            "weekly KPI reporting for the leadership team",
            "a propensity model for upsell campaigns",
        ),
        projects=(
            (
                "Bike-share demand",
                "an analysis of city bike-share demand against weather and holidays",
            ),
            ("Exam-score study", "a study of what predicts first-year exam results"),
        ),
        metrics=("forecast error", "reporting time", "campaign cost", "customer churn"),
        labs=("Statistical Learning Lab", "Decision Analytics Lab"),
    ),
    F(
        key="cv_engineer",
        sector="ai",
        titles=("Computer Vision Engineer", "Vision AI Engineer", "Perception Engineer"),
        required=("Python", "PyTorch", "OpenCV", "Computer Vision", "C++", "Deep Learning"),
        nice=("TensorRT", "CUDA", "ONNX", "YOLO", "ROS 2", "Docker", "Point Cloud Processing"),
        duties=(
            "develop detection, segmentation and tracking models for real cameras",
            "deploy models to edge devices under tight power and latency budgets",
            "build data collection and labelling workflows",
            "evaluate models on hard cases and fix what breaks",
        ),
        teams=(
            "Our vision team builds inspection systems used on production lines across Asia.",
            "The perception group turns camera streams into decisions in milliseconds.",
        ),
        programmes=("Computer Science", "Electrical Engineering", "Computer Engineering"),
        focus=("computer vision", "visual inspection", "edge AI"),
        objects=(
            "an optical inspection model for solder joints",
            "a people-counting system for smart buildings",
            "a defect-segmentation model for display panels",
            "a multi-camera tracking pipeline",
            "the image-labelling workflow for new product lines",
        ),
        projects=(
            ("Leaf-disease detector", "a detector that spots plant disease from phone photos"),
            ("Parking finder", "a camera-based parking-space counter for the campus car park"),
            ("Sign reader", "a model that reads traffic signs in low light"),
        ),
        metrics=("missed defects", "frame latency", "labelling cost", "false rejects"),
        labs=("Vision and Learning Lab", "Multimedia Systems Lab", "Image Processing Lab"),
    ),
    F(
        key="nlp_engineer",
        sector="ai",
        titles=("NLP Engineer", "LLM Engineer", "Natural Language Processing Engineer"),
        required=("Python", "PyTorch", "NLP", "Hugging Face Transformers", "LLMs", "SQL"),
        nice=(
            "LangChain",
            "RAG",
            "vLLM",
            "Elasticsearch",
            "FastAPI",
            "Docker",
            "Prompt Engineering",
        ),
        duties=(
            "build retrieval-augmented assistants grounded in company documents",
            "fine-tune and evaluate language models for Chinese and English",
            "design evaluation sets that catch hallucinations before users do",
            "ship language features behind clean, well-tested APIs",
        ),
        teams=(
            "Our language AI team builds assistants used by engineers, lawyers and support staff.",
            "You will work in a team that brings large language models safely into products.",
        ),
        programmes=("Computer Science", "Linguistics", "Information Engineering", "Data Science"),
        focus=("natural language processing", "LLM applications", "search and question answering"),
        objects=(
            "a document question-answering assistant for field engineers",
            "a bilingual customer-support chatbot",
            "an evaluation suite for generated answers",
            "a named-entity tagger for contracts",
            "semantic search over internal manuals",
        ),
        projects=(
            ("Lecture summariser", "a tool that summarises recorded lectures into study notes"),
            ("Hakka-Mandarin glossary", "a small aligned glossary and a translation baseline"),
        ),
        metrics=("wrong answers", "response time", "hallucination rate", "support tickets"),
        labs=("Natural Language Processing Lab", "Speech and Language Lab"),
    ),
    F(
        key="research_scientist",
        sector="ai",
        titles=("AI Research Scientist", "Research Scientist, Machine Learning"),
        required=("Python", "PyTorch", "Deep Learning", "Machine Learning", "Linear Algebra"),
        nice=("JAX", "CUDA", "Reinforcement Learning", "Distributed Training", "LaTeX", "C++"),
        duties=(
            "pursue research questions that matter to our products",
            "publish at top venues and turn results into prototypes",
            "mentor interns and collaborate with university partners",
            "run careful, reproducible experiments",
        ),
        teams=(
            "Our research lab publishes openly and works closely with product teams.",
            "You will join a research group exploring efficient models for devices.",
        ),
        programmes=("Computer Science", "Electrical Engineering", "Mathematics", "Physics"),
        focus=("efficient deep learning", "representation learning", "model compression"),
        objects=(
            "a pruning method for vision transformers",
            "a benchmark for on-device language models",
            "a paper on uncertainty estimation",
            "a self-supervised pre-training recipe",
        ),
        projects=(
            ("Quantisation study", "a comparison of post-training quantisation methods"),
            ("Reading group", "a weekly reading group on generative models, with notes online"),
        ),
        metrics=("model size", "energy per inference", "benchmark error"),
        labs=("Deep Learning Theory Lab", "Efficient AI Lab"),
    ),
    F(
        key="data_engineer",
        sector="ai",
        titles=("Data Engineer", "Analytics Engineer", "Big Data Engineer"),
        required=("Python", "SQL", "Spark", "Airflow", "Data Modelling", "Kafka"),
        nice=("dbt", "Snowflake", "BigQuery", "Scala", "Terraform", "Delta Lake", "AWS"),
        duties=(
            "build batch and streaming pipelines that others can trust",
            "model data so analysts and scientists can move fast",
            "own data quality checks and lineage",
            "tune jobs for cost and speed",
        ),
        teams=(
            "Our data platform team moves terabytes a day from machines and apps to analysts.",
            "The data engineering group builds the foundations our AI work stands on.",
        ),
        programmes=("Computer Science", "Information Management", "Industrial Engineering"),
        focus=("data pipelines", "streaming data", "analytics engineering"),
        objects=(
            "a streaming pipeline for equipment telemetry",
            "the warehouse model for orders and shipments",
            "data-quality checks on critical tables",
            "a migration of nightly jobs to an orchestrated platform",
        ),
        projects=(
            ("Open-data lake", "a small lakehouse of city open data with daily refresh"),
            ("Air-quality feed", "a pipeline that collects and cleans air-quality readings"),
        ),
        metrics=("pipeline runtime", "storage cost", "data incidents", "late reports"),
        labs=("Database Systems Lab", "Big Data Lab"),
    ),
    # ------------------------------------------------------------------ microelectronics
    F(
        key="digital_ic_design",
        sector="microelectronics",
        titles=("Digital IC Design Engineer", "IC Design Engineer", "RTL Design Engineer"),
        required=("Verilog", "SystemVerilog", "RTL Design", "Synthesis", "Static Timing Analysis"),
        nice=("Python", "Tcl", "Perl", "Low-Power Design", "AMBA AXI", "Spyglass", "Lint/CDC"),
        duties=(
            "own RTL for blocks from micro-architecture to sign-off",
            "work with verification and physical design to close timing",
            "write clear design specifications and review others' code",
            "take part in silicon bring-up and debug",
        ),
        teams=(
            "Our SoC design team delivers chips for networking and edge AI.",
            "You will join the digital design group behind our display driver ICs.",
        ),
        programmes=("Electronics Engineering", "Electrical Engineering", "Microelectronics"),
        focus=("digital IC design", "SoC architecture", "low-power RTL"),
        objects=(
            "a DMA controller for an edge-AI SoC",
            "the clock-gating scheme of a display controller",
            "a high-speed interface block",
            "design specifications for a new memory controller",
        ),
        projects=(
            ("RISC-V core", "a five-stage pipelined processor core taken through synthesis"),
            ("FIR accelerator", "a low-power filter accelerator with a bus interface"),
        ),
        metrics=("power consumption", "timing violations", "die area", "design iterations"),
        labs=("VLSI Design Lab", "SoC Design Lab", "Computer Architecture Lab"),
    ),
    F(
        key="verification",
        sector="microelectronics",
        titles=(
            "Verification Engineer",
            "Design Verification Engineer",
            "ASIC Verification Engineer",
        ),
        required=("SystemVerilog", "UVM", "Functional Coverage", "Verilog", "Assertions (SVA)"),
        nice=("Python", "Formal Verification", "C", "Perl", "Emulation", "AMBA AXI", "Git"),
        duties=(
            "build UVM testbenches and reusable verification components",
            "write test plans and drive coverage closure",
            "debug failures with designers down to the waveform",
            "improve regression speed and reliability",
        ),
        teams=(
            "Our verification team signs off complex SoCs before tape-out.",
            "You will join a design verification group working on automotive chips.",
        ),
        programmes=("Electronics Engineering", "Electrical Engineering", "Computer Engineering"),
        focus=("design verification", "coverage-driven verification", "SoC verification"),
        objects=(
            "a testbench for a PCIe controller",
            "coverage closure for an image-signal processor",
            "a scoreboard and reference model for a crypto engine",
            "the nightly regression system",
        ),
        projects=(
            ("Cache verification", "a constrained-random testbench for a small cache controller"),
            ("Bus checker", "a set of protocol checks for an open-source bus fabric"),
        ),
        metrics=("regression runtime", "escaped bugs", "coverage holes", "debug time"),
        labs=("VLSI Design Lab", "Design Automation Lab"),
    ),
    F(
        key="analog_layout",
        sector="microelectronics",
        titles=("Analog Layout Engineer", "Custom Layout Engineer", "Mixed-Signal Layout Engineer"),
        required=("Analog Layout", "Cadence Virtuoso", "DRC/LVS", "Calibre", "CMOS"),
        nice=("Matching Techniques", "ESD Design", "FinFET", "Parasitic Extraction", "SKILL"),
        duties=(
            "draw layout for amplifiers, bandgaps, PLLs and data converters",
            "run and clean physical verification",
            "work closely with circuit designers on matching and parasitics",
            "support floor-planning and top-level integration",
        ),
        teams=(
            "Our mixed-signal team builds power-management and sensor-interface chips.",
            "You will join the custom layout group supporting advanced-node analog IP.",
        ),
        programmes=("Electronics Engineering", "Electrical Engineering", "Microelectronics"),
        focus=("analog layout", "custom layout for advanced nodes", "mixed-signal layout"),
        objects=(
            "the layout of a low-dropout regulator",
            "a matched current-mirror array",
            "top-level integration of a sensor front end",
            "layout of a 12-bit data converter",
        ),
        projects=(
            ("Bandgap tape-out", "a bandgap reference laid out for a university shuttle run"),
            ("Op-amp layout", "a two-stage amplifier laid out with common-centroid matching"),
        ),
        metrics=("layout turnaround", "verification errors", "parasitic mismatch"),
        labs=("Analog IC Lab", "Mixed-Signal Circuits Lab"),
    ),
    F(
        key="analog_design",
        sector="microelectronics",
        titles=(
            "Analog IC Design Engineer",
            "Mixed-Signal Design Engineer",
            "RF IC Design Engineer",
        ),
        required=("Analog Circuit Design", "SPICE", "Cadence Virtuoso", "CMOS", "MATLAB"),
        nice=("Verilog-A", "PLL Design", "ADC Design", "RF Design", "Python", "Noise Analysis"),
        duties=(
            "design and simulate analog blocks from specification to silicon",
            "write design reviews and characterisation plans",
            "guide layout and check post-layout performance",
            "measure and debug silicon in the lab",
        ),
        teams=(
            "Our analog team designs power and sensing circuits used in phones and wearables.",
            "You will join a mixed-signal group building high-speed wireline links.",
        ),
        programmes=("Electronics Engineering", "Electrical Engineering"),
        focus=("analog circuit design", "data converters", "power management ICs"),
        objects=(
            "a low-noise amplifier for a sensor interface",
            "a buck-converter control loop",
            "a phase-locked loop for a serial link",
            "corner and Monte Carlo sign-off for a voltage reference",
        ),
        projects=(
            ("SAR ADC", "a 10-bit successive-approximation converter designed and simulated"),
            ("Ring oscillator study", "a study of supply sensitivity in ring oscillators"),
        ),
        metrics=("noise", "power consumption", "silicon respins", "area"),
        labs=("Analog IC Lab", "RF Circuits Lab", "Power Electronics Lab"),
    ),
    F(
        key="fpga",
        sector="microelectronics",
        titles=("FPGA Engineer", "FPGA Design Engineer", "FPGA Firmware Engineer"),
        required=("FPGA", "VHDL", "Verilog", "Vivado", "Timing Closure"),
        nice=(
            "SystemVerilog",
            "High-Level Synthesis",
            "Python",
            "C",
            "Quartus",
            "Signal Processing",
        ),
        duties=(
            "design FPGA logic for high-throughput data paths",
            "bring up boards and debug with logic analysers",
            "close timing on dense designs",
            "work with software engineers on drivers and interfaces",
        ),
        teams=(
            "Our hardware team builds FPGA-based test and acceleration systems.",
            "You will join the FPGA group behind our real-time imaging products.",
        ),
        programmes=("Electrical Engineering", "Electronics Engineering", "Computer Engineering"),
        focus=("FPGA design", "hardware acceleration", "real-time signal processing"),
        objects=(
            "an image-processing pipeline on a mid-range FPGA",
            "a high-speed data-capture board",
            "a hardware accelerator for sorting",
            "timing closure on a congested design",
        ),
        projects=(
            ("Audio effects board", "a real-time audio effects unit on a student FPGA board"),
            ("Logic analyser", "a small logic analyser with a USB interface"),
        ),
        metrics=("processing latency", "resource usage", "bring-up time"),
        labs=("Embedded Systems Lab", "Reconfigurable Computing Lab"),
    ),
    F(
        key="process_integration",
        sector="microelectronics",
        titles=("Process Integration Engineer", "Process Engineer", "Yield Enhancement Engineer"),
        required=(
            "Semiconductor Process",
            "Statistical Process Control",
            "Design of Experiments",
            "JMP",
            "Failure Analysis",
        ),
        nice=("Python", "SQL", "Lithography", "Etch", "Thin Film Deposition", "Six Sigma"),
        duties=(
            "own process modules and their interactions across the flow",
            "run experiments to raise yield and cut defects",
            "analyse inline and electrical test data",
            "work with equipment, device and quality teams on excursions",
        ),
        teams=(
            "Our integration team ramps new process nodes into volume production.",
            "You will join the yield group of an advanced packaging line.",
        ),
        programmes=(
            "Materials Science",
            "Chemical Engineering",
            "Electronics Engineering",
            "Physics",
        ),
        focus=("process integration", "yield improvement", "advanced packaging"),
        objects=(
            "a yield-loss study for a new process step",
            "an excursion-response playbook",
            "control charts for critical dimensions",
            "a split-lot experiment on anneal conditions",
        ),
        projects=(
            ("Thin-film study", "a study of film stress against deposition temperature"),
            ("Cleanroom data tool", "a script that merges tool logs with test results"),
        ),
        metrics=("defect density", "scrap rate", "cycle time", "yield loss"),
        labs=("Semiconductor Devices Lab", "Nano Fabrication Lab", "Thin Film Lab"),
    ),
    F(
        key="physical_design",
        sector="microelectronics",
        titles=("Physical Design Engineer", "APR Engineer", "Backend Design Engineer"),
        required=("Place and Route", "Static Timing Analysis", "Tcl", "Floorplanning", "DRC/LVS"),
        nice=("Python", "Power Analysis", "Clock Tree Synthesis", "Perl", "FinFET"),
        duties=(
            "take blocks from netlist to clean GDS",
            "close timing, power and physical verification",
            "automate flows with scripts",
            "work with RTL designers on floor-plans and constraints",
        ),
        teams=(
            "Our backend team tapes out chips on leading-edge nodes every quarter.",
            "You will join the physical design group for our networking SoCs.",
        ),
        programmes=("Electronics Engineering", "Electrical Engineering", "Computer Engineering"),
        focus=("physical design", "timing closure", "low-power implementation"),
        objects=(
            "block-level implementation of a CPU cluster",
            "clock-tree planning for a high-speed block",
            "an automated sign-off checklist",
            "IR-drop fixes on a dense macro",
        ),
        projects=(
            ("Open-source tape-out", "a small design taken through an open-source flow to GDS"),
            ("Flow scripts", "scripts that summarise timing reports across corners"),
        ),
        metrics=("timing violations", "turnaround time", "power consumption", "die area"),
        labs=("VLSI Design Lab", "Design Automation Lab"),
    ),
    F(
        key="embedded_firmware",
        sector="microelectronics",
        titles=("Embedded Firmware Engineer", "Embedded Software Engineer", "Firmware Engineer"),
        required=("C", "Embedded Linux", "RTOS", "Microcontrollers", "Git"),
        nice=("C++", "Python", "Device Drivers", "Yocto", "ARM Cortex-M", "Rust", "CAN"),
        duties=(
            "write and test firmware for our chips and reference boards",
            "develop device drivers and board-support packages",
            "debug hardware-software issues with oscilloscopes and JTAG",
            "support customers integrating our chips",
        ),
        teams=(
            "Our firmware team makes our chips easy for customers to use.",
            "You will join the embedded group behind our connectivity modules.",
        ),
        programmes=("Electrical Engineering", "Computer Science", "Computer Engineering"),
        focus=("embedded firmware", "device drivers", "low-power embedded systems"),
        objects=(
            "a bootloader with secure firmware updates",
            "a driver for a new sensor family",
            "power-saving modes for a wearable",
            "a hardware-in-the-loop test rig",
        ),
        projects=(
            ("Weather station", "a battery-powered weather station that runs for months"),
            ("Robot arm controller", "a controller for a 3-axis hobby robot arm"),
        ),
        metrics=("boot time", "power draw", "field failures", "flash footprint"),
        labs=("Embedded Systems Lab", "IoT Lab"),
    ),
    F(
        key="dft",
        sector="microelectronics",
        titles=("DFT Engineer", "Design-for-Test Engineer", "Test Engineer"),
        required=("DFT", "Scan Insertion", "ATPG", "Verilog", "Tcl"),
        nice=("MBIST", "JTAG", "Python", "Static Timing Analysis", "Perl"),
        duties=(
            "plan and implement test architecture for SoCs",
            "generate patterns and hit coverage targets",
            "support silicon test bring-up and yield learning",
            "work with the test floor on pattern debug",
        ),
        teams=(
            "Our test team makes sure every chip we ship works.",
            "You will join a DFT group supporting automotive-grade products.",
        ),
        programmes=("Electronics Engineering", "Electrical Engineering"),
        focus=("design for test", "test pattern generation", "silicon test"),
        objects=(
            "scan architecture for a multi-core SoC",
            "memory test for embedded SRAMs",
            "pattern debug on the tester",
            "test-time reduction for a consumer chip",
        ),
        projects=(("Fault simulator", "a simple stuck-at fault simulator for small netlists"),),
        metrics=("test time", "test escapes", "fault coverage gaps"),
        labs=("VLSI Testing Lab", "Design Automation Lab"),
    ),
    # ------------------------------------------------------------------ life and health tech
    F(
        key="bioinformatician",
        sector="life_health_tech",
        titles=("Bioinformatician", "Bioinformatics Scientist", "Bioinformatics Engineer"),
        required=("Python", "R", "NGS Data Analysis", "Bioconductor", "Linux", "Nextflow"),
        nice=("Snakemake", "Single-Cell RNA-seq", "Docker", "AWS", "Variant Calling", "SQL"),
        duties=(
            "build and maintain sequencing analysis pipelines",
            "analyse genomic and transcriptomic data with scientists",
            "validate pipelines for clinical use",
            "present results and methods clearly",
        ),
        teams=(
            "Our genomics team turns sequencing runs into results doctors can act on.",
            "You will join a computational biology group supporting drug discovery.",
        ),
        programmes=("Bioinformatics", "Molecular Biology", "Computer Science", "Biostatistics"),
        focus=("genomics", "sequencing data analysis", "computational biology"),
        objects=(
            "a variant-calling pipeline for a hereditary cancer panel",
            "quality control for sequencing runs",
            "a single-cell atlas of immune cells",
            "a reproducible workflow for RNA expression studies",
        ),
        projects=(
            ("Gut microbiome study", "an analysis of public gut-microbiome samples"),
            ("Variant browser", "a small web app for browsing annotated variants"),
        ),
        metrics=("pipeline runtime", "turnaround time", "compute cost"),
        labs=("Genomics Lab", "Systems Biology Lab", "Computational Biology Lab"),
    ),
    F(
        key="clinical_data_manager",
        sector="life_health_tech",
        titles=("Clinical Data Manager", "Clinical Data Specialist", "Clinical Data Coordinator"),
        required=(
            "Clinical Data Management",
            "CDISC",
            "EDC Systems",
            "Good Clinical Practice",
            "SAS",
        ),
        nice=("SQL", "R", "MedDRA", "Medidata Rave", "Python"),
        duties=(
            "set up data collection for clinical trials",
            "write data-management plans and edit checks",
            "clean data and resolve queries with sites",
            "prepare databases for lock and submission",
        ),
        teams=(
            "Our clinical operations team runs trials across Asia-Pacific.",
            "You will join a data-management group supporting device and drug studies.",
        ),
        programmes=("Public Health", "Pharmacy", "Nursing", "Biostatistics", "Life Sciences"),
        focus=("clinical data management", "trial data quality", "regulated data"),
        objects=(
            "case report forms for a phase II study",
            "edit checks for a device trial",
            "a query-tracking report for study sites",
            "database lock for a multi-site study",
        ),
        projects=(("Trial data audit", "a mock audit of a public trial dataset"),),
        metrics=("open queries", "time to database lock", "data errors"),
        labs=("Clinical Research Centre", "Public Health Lab"),
        interns=False,
    ),
    F(
        key="regulatory_affairs",
        sector="life_health_tech",
        titles=(
            "Regulatory Affairs Specialist",
            "Regulatory Affairs Associate",
            "Regulatory Specialist",
        ),
        required=(
            "Regulatory Affairs",
            "ISO 13485",
            "Technical Documentation",
            "FDA 510(k)",
            "EU MDR",
        ),
        nice=("ISO 14971", "IEC 62304", "Clinical Evaluation", "Quality Management Systems"),
        duties=(
            "prepare submissions for medical devices in the US, EU and Asia",
            "keep technical files up to date",
            "advise product teams on regulatory strategy",
            "handle questions from notified bodies and authorities",
        ),
        teams=(
            "Our regulatory team takes devices from prototype to market.",
            "You will join a small quality and regulatory group in a fast-growing medtech company.",
        ),
        programmes=("Biomedical Engineering", "Pharmacy", "Life Sciences", "Law"),
        focus=("medical device regulation", "regulatory submissions", "quality systems"),
        objects=(
            "a submission for a wearable heart monitor",
            "technical files for a diagnostic device",
            "a gap analysis against new device rules",
            "labelling review for a software device",
        ),
        projects=(
            ("Device regulation guide", "a plain-language guide to device classes for students"),
        ),
        metrics=("review cycles", "submission time", "audit findings"),
        labs=("Medical Device Innovation Centre",),
        interns=False,
    ),
    F(
        key="biomedical_engineer",
        sector="life_health_tech",
        titles=("Biomedical Engineer", "Medical Device Engineer", "Biomedical Signal Engineer"),
        required=("Biomedical Signal Processing", "MATLAB", "Python", "Medical Devices", "C"),
        nice=("IEC 62304", "ISO 14971", "Embedded Systems", "Machine Learning", "SolidWorks"),
        duties=(
            "develop sensing and signal-processing for medical devices",
            "run bench tests and verification",
            "work with clinicians to refine requirements",
            "write design-history documentation",
        ),
        teams=(
            "Our device team builds wearables that monitor patients at home.",
            "You will join the engineering group behind our diagnostic instruments.",
        ),
        programmes=("Biomedical Engineering", "Electrical Engineering", "Mechanical Engineering"),
        focus=("medical devices", "physiological signal processing", "wearable health"),
        objects=(
            "an arrhythmia detector for a wearable",
            "a bench test rig for blood-pressure cuffs",
            "motion-artefact removal for optical sensors",
            "verification protocols for a new sensor",
        ),
        projects=(
            ("Sleep monitor", "a wrist-worn sleep monitor prototype"),
            ("Gait analysis", "a gait-analysis study with foot pressure sensors"),
        ),
        metrics=("false alarms", "test time", "power draw"),
        labs=("Biomedical Engineering Lab", "Medical Electronics Lab"),
    ),
    F(
        key="research_associate",
        sector="life_health_tech",
        titles=(
            "Research Associate",
            "Research Scientist, Molecular Biology",
            "Cell Biology Scientist",
        ),
        required=("CRISPR", "Cell Culture", "qPCR", "Molecular Cloning", "Western Blot"),
        nice=(
            "Flow Cytometry",
            "ELISA",
            "Python",
            "R",
            "Next-Generation Sequencing",
            "GraphPad Prism",
        ),
        duties=(
            "design and run experiments in a modern lab",
            "develop and optimise assays",
            "keep careful records and analyse results",
            "present data at team meetings",
        ),
        teams=(
            "Our discovery team works on gene-editing therapies.",
            "You will join a cell-therapy research group.",
        ),
        programmes=("Molecular Biology", "Biotechnology", "Life Sciences", "Biochemistry"),
        focus=("gene editing", "cell biology", "assay development"),
        objects=(
            "a knockout screen in a liver cell line",
            "an assay for protein expression",
            "a cell-line bank with full records",
            "optimised transfection conditions",
        ),
        projects=(("Knockout study", "a thesis study of a stress-response gene"),),
        metrics=("assay variability", "turnaround time", "reagent cost"),
        labs=("Molecular Medicine Lab", "Cell Biology Lab", "Genome Engineering Lab"),
    ),
    F(
        key="health_data_scientist",
        sector="life_health_tech",
        titles=("Health Data Scientist", "Clinical Data Scientist", "Medical AI Engineer"),
        required=("Python", "Machine Learning", "Statistics", "SQL", "Medical Imaging"),
        nice=("PyTorch", "FHIR", "R", "Survival Analysis", "DICOM", "Deep Learning"),
        duties=(
            "build models on clinical and imaging data",
            "work with physicians to validate models",
            "prepare evidence for regulatory review",
            "keep patient data safe and well-governed",
        ),
        teams=(
            "Our medical AI team builds tools used in hospital radiology departments.",
            "You will join a health analytics group working with hospital partners.",
        ),
        programmes=("Biomedical Engineering", "Data Science", "Computer Science", "Biostatistics"),
        focus=("medical AI", "clinical prediction", "health data analytics"),
        objects=(
            "a readmission-risk model",
            "a chest X-ray triage model",
            "a study of model fairness across hospitals",
            "a de-identification pipeline for records",
        ),
        projects=(
            ("Retina screening", "a screening model for diabetic retinopathy on public images"),
        ),
        metrics=("missed cases", "reading time", "model bias"),
        labs=("Medical AI Lab", "Health Informatics Lab"),
    ),
    # ------------------------------------------------------------------ fintech
    F(
        key="quant_developer",
        sector="fintech",
        titles=("Quant Developer", "Quantitative Developer", "Trading Systems Developer"),
        required=("C++", "Python", "Low-Latency Systems", "Linux", "Data Structures"),
        nice=("kdb+/q", "FIX Protocol", "Rust", "Market Microstructure", "Multithreading"),
        duties=(
            "build and tune trading and pricing systems",
            "work with quants to turn models into code",
            "measure and cut latency across the stack",
            "keep systems safe with testing and controls",
        ),
        teams=(
            "Our trading technology team runs systems across several Asian exchanges.",
            "You will join a small quant team where engineers and researchers sit together.",
        ),
        programmes=("Computer Science", "Financial Engineering", "Mathematics", "Physics"),
        focus=("low-latency trading systems", "quantitative finance", "pricing engines"),
        objects=(
            "an order gateway for a futures exchange",
            "a pricing library for options",
            "a market-data recorder",
            "a back-testing engine",
        ),
        projects=(
            ("Order book simulator", "a limit-order-book simulator with replayed data"),
            ("Option pricer", "an option pricer with Monte Carlo and finite differences"),
        ),
        metrics=("tick-to-trade latency", "back-test runtime", "outages"),
        labs=("Financial Engineering Lab", "High-Performance Computing Lab"),
    ),
    F(
        key="risk_analyst",
        sector="fintech",
        titles=("Risk Analyst", "Credit Risk Analyst", "Market Risk Analyst"),
        required=("Risk Modelling", "Python", "SQL", "Statistics", "Excel"),
        nice=("SAS", "Basel III", "IFRS 9", "R", "VBA", "Power BI"),
        duties=(
            "build and monitor credit and market risk models",
            "write clear reports for risk committees",
            "run stress tests and scenario analysis",
            "work with regulators' requirements in mind",
        ),
        teams=(
            "Our risk team keeps a growing lending business safe.",
            "You will join the market-risk group of a digital bank.",
        ),
        programmes=("Finance", "Statistics", "Economics", "Financial Engineering", "Mathematics"),
        focus=("credit risk", "market risk", "stress testing"),
        objects=(
            "a credit-scoring model for small-business loans",
            "daily value-at-risk reporting",
            "a stress-testing framework",
            "early-warning indicators for loan books",
        ),
        projects=(("Loan default study", "a study of default drivers on public lending data"),),
        metrics=("loss rates", "reporting time", "model error"),
        labs=("Financial Risk Lab", "Econometrics Lab"),
    ),
    F(
        key="blockchain_developer",
        sector="fintech",
        titles=("Blockchain Developer", "Smart Contract Engineer", "Web3 Engineer"),
        required=("Solidity", "Ethereum", "TypeScript", "Smart Contracts", "Node.js"),
        nice=("Rust", "Hardhat", "OpenZeppelin", "Go", "Security Auditing", "React"),
        duties=(
            "write, test and audit smart contracts",
            "build services that talk to several chains",
            "design secure key-management flows",
            "review and improve our security practices",
        ),
        teams=(
            "Our digital-assets team builds settlement and custody tools for institutions.",
            "You will join a team building tokenised payments for merchants.",
        ),
        programmes=("Computer Science", "Information Engineering", "Finance"),
        focus=("smart contracts", "digital-asset infrastructure", "decentralised finance"),
        objects=(
            "a custody service for institutional clients",
            "token contracts for loyalty points",
            "an indexer for on-chain events",
            "an audit checklist for contract releases",
        ),
        projects=(
            ("Escrow contract", "an escrow contract with full test coverage"),
            ("Wallet explorer", "a lightweight explorer for a test network"),
        ),
        metrics=("gas costs", "security findings", "settlement time"),
        labs=("Cryptography Lab", "Distributed Systems Lab"),
    ),
    F(
        key="fraud_data_scientist",
        sector="fintech",
        titles=("Fraud Data Scientist", "Fraud Analytics Specialist", "Risk Data Scientist"),
        required=("Python", "SQL", "Machine Learning", "XGBoost", "Statistics"),
        nice=("Graph Analytics", "Spark", "Kafka", "Anomaly Detection", "AWS"),
        duties=(
            "build models that stop fraud without blocking good customers",
            "investigate new fraud patterns with operations",
            "design rules and models that work together",
            "monitor model performance daily",
        ),
        teams=(
            "Our payments-risk team protects millions of transactions a day.",
            "You will join the fraud analytics group of a mobile payments company.",
        ),
        programmes=("Statistics", "Computer Science", "Data Science", "Finance"),
        focus=("fraud detection", "payment risk", "anomaly detection"),
        objects=(
            "a card-fraud model",
            "a mule-account detector using transaction networks",
            "rule tuning for account takeover",
            "daily monitoring of model drift",
        ),
        projects=(("Fraud benchmark", "a comparison of fraud models on a public card dataset"),),
        metrics=("fraud losses", "false declines", "review workload"),
        labs=("Data Mining Lab", "Financial Technology Lab"),
    ),
    F(
        key="compliance_analyst",
        sector="fintech",
        titles=("Compliance Analyst", "AML Analyst", "KYC Operations Analyst"),
        required=("AML", "KYC", "Regulatory Compliance", "Excel", "Transaction Monitoring"),
        nice=("SQL", "Python", "Sanctions Screening", "Power BI"),
        duties=(
            "review alerts and investigate suspicious activity",
            "keep customer due-diligence processes sharp",
            "write clear reports for regulators",
            "help automate compliance checks",
        ),
        teams=(
            "Our compliance team keeps a fast-growing payments business on the right side of "
            "the rules.",
            "You will join the financial-crime group of a digital bank.",
        ),
        programmes=("Law", "Finance", "Accounting", "Economics"),
        focus=("anti-money-laundering", "financial crime prevention", "regulatory compliance"),
        objects=(
            "alert review for transaction monitoring",
            "a customer risk-rating refresh",
            "a suspicious-activity reporting workflow",
            "a sanctions-list update process",
        ),
        projects=(("AML case study", "a case study of a money-laundering typology"),),
        metrics=("alert backlog", "review time", "audit findings"),
        labs=("Financial Regulation Centre",),
        interns=False,
    ),
    # ------------------------------------------------------------------ robotics (free-form sector)
    F(
        key="robotics_software",
        sector="robotics",
        titles=("Robotics Software Engineer", "Motion Planning Engineer", "Robotics Engineer"),
        required=("C++", "ROS 2", "Python", "Motion Planning", "Linux"),
        nice=("SLAM", "Gazebo", "OpenCV", "PyTorch", "Control Theory", "CUDA"),
        duties=(
            "develop navigation and manipulation software for robots",
            "test in simulation and on real hardware",
            "integrate sensors and perception",
            "improve reliability in factory deployments",
        ),
        teams=(
            "Our robotics team builds autonomous mobile robots for fabs and warehouses.",
            "You will join a group building collaborative robot arms.",
        ),
        programmes=("Mechanical Engineering", "Electrical Engineering", "Computer Science"),
        focus=("robot navigation", "manipulation", "autonomous mobile robots"),
        objects=(
            "path planning for a warehouse robot",
            "a docking routine for charging stations",
            "a simulation test suite",
            "a pick-and-place cell for wafer carriers",
        ),
        projects=(
            ("Line follower", "a competition line-following robot"),
            ("Drone mapping", "a small drone that maps a room"),
        ),
        metrics=("mission failures", "cycle time", "collisions"),
        labs=("Robotics Lab", "Intelligent Control Lab"),
    ),
    F(
        key="controls_engineer",
        sector="robotics",
        titles=("Controls Engineer", "Automation Engineer", "Motion Control Engineer"),
        required=("Control Theory", "MATLAB", "Simulink", "PLC Programming", "C"),
        nice=("Python", "EtherCAT", "ROS 2", "Embedded Systems"),
        duties=(
            "design control loops for motion systems",
            "tune and validate controllers on real machines",
            "program automation cells",
            "support commissioning at customer sites",
        ),
        teams=(
            "Our automation team builds equipment for semiconductor back-end lines.",
            "You will join the controls group of a factory automation company.",
        ),
        programmes=("Mechanical Engineering", "Electrical Engineering", "Control Engineering"),
        focus=("motion control", "factory automation", "mechatronics"),
        objects=(
            "a servo loop for a precision stage",
            "the control program of a sorting cell",
            "vibration damping for a gantry",
            "commissioning of a new assembly line",
        ),
        projects=(("Balancing robot", "a two-wheeled balancing robot"),),
        metrics=("settling time", "downtime", "positioning error"),
        labs=("Control Systems Lab", "Mechatronics Lab"),
    ),
    # ------------------------------------------------------------------ any sector
    F(
        key="backend_engineer",
        sector="any",
        titles=("Backend Engineer", "Software Engineer, Backend", "Backend Developer"),
        required=("Python", "Go", "PostgreSQL", "REST APIs", "Docker", "Java"),
        nice=("Kubernetes", "Redis", "Kafka", "AWS", "gRPC", "Terraform"),
        duties=(
            "design and build reliable APIs and services",
            "own services in production, from design to monitoring",
            "improve performance and reliability",
            "review code and help others grow",
        ),
        teams=(
            "Our platform team builds the services every product here depends on.",
            "You will join a product engineering team with real ownership.",
        ),
        programmes=("Computer Science", "Information Engineering", "Computer Engineering"),
        focus=("backend services", "distributed systems", "API design"),
        objects=(
            "a booking service used by partner apps",
            "the authentication service",
            "an event-driven order system",
            "a migration from a monolith to services",
        ),
        projects=(
            ("Campus timetable API", "an API that serves course timetables to student apps"),
            ("URL shortener", "a URL shortener with usage analytics"),
        ),
        metrics=("p99 latency", "error rate", "hosting cost", "incident count"),
        labs=("Distributed Systems Lab", "Software Engineering Lab"),
    ),
    F(
        key="frontend_engineer",
        sector="any",
        titles=("Frontend Engineer", "Software Engineer, Frontend", "Web Developer"),
        required=("TypeScript", "JavaScript", "React", "HTML", "CSS"),
        nice=("Next.js", "Vue.js", "GraphQL", "Jest", "Figma", "Web Accessibility"),
        duties=(
            "build fast, accessible web interfaces",
            "work with designers from sketch to release",
            "keep our component library healthy",
            "measure and improve front-end performance",
        ),
        teams=(
            "Our web team builds the tools our customers use every day.",
            "You will join a product team that cares about design and accessibility.",
        ),
        programmes=("Computer Science", "Information Management", "Digital Media Design"),
        focus=("web front ends", "design systems", "accessible interfaces"),
        objects=(
            "a dashboard for equipment monitoring",
            "the company design system",
            "the checkout flow",
            "a data-visualisation library",
        ),
        projects=(
            ("Study planner", "a study-planning web app used by classmates"),
            ("Transit map", "an interactive map of bus arrivals"),
        ),
        metrics=("page load time", "bundle size", "support tickets"),
        labs=("Human-Computer Interaction Lab",),
    ),
    F(
        key="devops_sre",
        sector="any",
        titles=("Site Reliability Engineer", "DevOps Engineer", "Cloud Infrastructure Engineer"),
        required=("Linux", "Kubernetes", "Terraform", "AWS", "CI/CD", "Python"),
        nice=("Go", "Prometheus", "Grafana", "Ansible", "GCP", "Azure"),
        duties=(
            "keep our cloud platform reliable and secure",
            "automate everything that is done twice",
            "lead incident response and blameless reviews",
            "help teams ship safely and often",
        ),
        teams=(
            "Our reliability team runs the infrastructure behind all our products.",
            "You will join a platform group that treats operations as software.",
        ),
        programmes=("Computer Science", "Information Engineering", "Electrical Engineering"),
        focus=("cloud infrastructure", "site reliability", "automation"),
        objects=(
            "infrastructure as code for all environments",
            "service-level objectives and alerting",
            "a blue-green deployment pipeline",
            "cost dashboards for cloud spending",
        ),
        projects=(("Home lab", "a home-lab cluster with automated backups and monitoring"),),
        metrics=("downtime", "cloud cost", "deployment time", "paging alerts"),
        labs=("Cloud Systems Lab", "Network Systems Lab"),
    ),
    F(
        key="product_manager",
        sector="any",
        titles=("Product Manager", "Technical Product Manager", "AI Product Manager"),
        required=("Product Management", "Agile", "User Research", "Roadmapping", "Data Analysis"),
        nice=("SQL", "Jira", "Figma", "A/B Testing", "Machine Learning"),
        duties=(
            "understand customers deeply and decide what to build",
            "write clear requirements and priorities",
            "work daily with engineering, design and sales",
            "measure outcomes and adjust",
        ),
        teams=(
            "Our product team decides where we go next, with engineering as a partner.",
            "You will own a product line used by factories and labs.",
        ),
        programmes=(
            "Business Administration",
            "Industrial Engineering",
            "Computer Science",
            "Information Management",
        ),
        focus=("B2B product management", "AI products", "product discovery"),
        objects=(
            "the roadmap for an analytics product",
            "a pricing change across three markets",
            "customer interviews for a new feature",
            "a launch plan with sales and support",
        ),
        projects=(
            ("Startup weekend", "a prototype marketplace built in 54 hours with a team of five"),
        ),
        metrics=("time to market", "churn", "onboarding drop-off"),
        labs=("Innovation and Entrepreneurship Centre",),
    ),
    F(
        key="security_engineer",
        sector="any",
        titles=("Security Engineer", "Application Security Engineer", "Cybersecurity Analyst"),
        required=("Application Security", "Threat Modelling", "Python", "Linux", "Networking"),
        nice=("Penetration Testing", "SIEM", "AWS", "Cryptography", "Burp Suite"),
        duties=(
            "find and fix security weaknesses before attackers do",
            "review designs and code for security",
            "run security tooling and respond to incidents",
            "teach engineers secure habits",
        ),
        teams=(
            "Our security team protects customer data and our products.",
            "You will join a small, hands-on product-security group.",
        ),
        programmes=("Computer Science", "Information Security", "Information Engineering"),
        focus=("application security", "security operations", "secure design"),
        objects=(
            "a threat model for the payments app",
            "security reviews for new services",
            "an incident-response runbook",
            "a secrets-scanning rollout",
        ),
        projects=(
            ("Capture the flag", "a capture-the-flag team that placed in the national finals"),
        ),
        metrics=("open vulnerabilities", "time to patch", "security incidents"),
        labs=("Information Security Lab", "Network Security Lab"),
    ),
)

SECTOR_FAMILIES: dict[str, tuple[RoleFamily, ...]] = {
    sector: tuple(f for f in FAMILIES if f.sector == sector)
    for sector in ("ai", "microelectronics", "life_health_tech", "fintech", "robotics", "any")
}
"""Families by sector; ``"any"`` holds jobs every kind of company hires for."""

GENERIC_SKILLS: tuple[str, ...] = (
    "Git",
    "English",
    "Mandarin Chinese",
    "Technical Writing",
    "Jira",
)
"""Skills many candidates list whatever they do; a few are added to CVs for realism."""


def all_skills() -> tuple[str, ...]:
    """Every skill named anywhere in the vocabulary, sorted (for tests and the matching engine)."""
    return _ALL_SKILLS


def _collect() -> tuple[str, ...]:
    names: set[str] = set(GENERIC_SKILLS)
    for fam in FAMILIES:
        names.update(fam.required)
        names.update(fam.nice)
    return tuple(sorted(names))


_ALL_SKILLS = _collect()
